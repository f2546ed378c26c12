package de.participation.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken byte for byte, for tests that must send what a well-behaved client library
 * refuses to: raw bytes in paths and headers, duplicate headers, any content type. One request per
 * connection.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** A response: status, headers by lower-case name (the last of a repeated one), and the body. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * How this answer falls short of a refusal as the services' contract gives it: a 4xx (or
         * 503) with an {@code application/problem+json} body that has a {@code code} and its
         * status, and nothing of the service's insides. Empty when it is one.
         */
        public List<String> refusalDefects() {
            List<String> defects = new ArrayList<>();
            if (!(status >= 400 && status < 500 || status == 503)) {
                defects.add("status " + status);
            }
            String contentType = header("content-type");
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                defects.add("content type " + contentType);
            }
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem == null || problem.path("code").asText().isBlank()) {
                    defects.add("no code");
                }
                if (problem == null || problem.path("status").asInt() != status) {
                    defects.add("status in body differs");
                }
            } catch (IOException notJson) {
                defects.add("body not JSON");
            }
            if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.springframework")) {
                defects.add("body shows the service's insides");
            }
            return defects;
        }
    }

    /**
     * Sends the request line, {@code headers} (their values as raw bytes) and {@code body} to
     * localhost:{@code port}, with Content-Length and Connection: close added, and reads the answer.
     */
    public static Response send(int port, String requestLine, Map<String, byte[]> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((requestLine + "\r\nHost: localhost:" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, byte[]> header : headers.entrySet()) {
                request.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                request.writeBytes(header.getValue());
                request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] content = body == null ? new byte[0] : body;
            request.writeBytes(("Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(content);
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException refusedWhileSending) {
                // A server may answer (413, say) and close before the whole body is sent, as
                // Tomcat does; that answer is still in the socket to be read.
                return answerAfter(refusedWhileSending, socket);
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer a server gave before it stopped reading the request, or else the failure to send it. */
    private static Response answerAfter(IOException refusedWhileSending, Socket socket) throws IOException {
        byte[] answer = socket.getInputStream().readAllBytes();
        if (answer.length == 0) {
            throw refusedWhileSending;
        }
        return parse(answer);
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("No complete response: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] rest = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return body.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            in.skipNBytes(2);
        }
    }
}
