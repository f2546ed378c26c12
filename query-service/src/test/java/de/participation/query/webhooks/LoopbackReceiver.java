package de.participation.query.webhooks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver of our own on a loopback address, for the tests of hostile receivers: a plain
 * HTTP/1.1 server on a socket, so that it can listen on any loopback address (127.0.0.2 as well)
 * and misbehave on the wire. It keeps each request's {@code Host} header and body. Answering at
 * once, it says {@code 204}; trickling, it sends {@code 200} headers announcing a long body and
 * then one byte a second, until the sender hangs up; flooding, it announces a body without end
 * (a terabyte) and sends it as fast as the sender reads. Every answer closes the connection.
 */
final class LoopbackReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String host, String body, Instant at) {
    }

    private static final Duration TRICKLE_EVERY = Duration.ofSeconds(1);
    private static final long TRICKLED_LENGTH = 1_000_000;
    private static final long FLOODED_LENGTH = 1L << 40;

    /** How the receiver answers, after it has read the request. */
    private interface Answer {
        void write(LoopbackReceiver receiver, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Answer answer;
    private final ConcurrentLinkedQueue<Request> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger hungUp = new AtomicInteger();

    private LoopbackReceiver(ServerSocket server, Answer answer) {
        this.server = server;
        this.answer = answer;
        Thread.ofVirtual().start(this::accept);
    }

    /** Answers {@code 204} at once, on {@code address} and {@code port} (0: a free one). */
    static LoopbackReceiver answering(String address, int port) {
        return new LoopbackReceiver(listen(address, port), (receiver, out) ->
                out.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sends the headers of a long answer at once and its body a byte a second. */
    static LoopbackReceiver trickling(String address, int port) {
        return new LoopbackReceiver(listen(address, port), LoopbackReceiver::trickle);
    }

    /** Sends the headers of an endless answer and its body as fast as the sender reads. */
    static LoopbackReceiver flooding(String address, int port) {
        return new LoopbackReceiver(listen(address, port), LoopbackReceiver::flood);
    }

    int port() {
        return server.getLocalPort();
    }

    /** This receiver's URL with the given host name (or address) in it. */
    String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    /** How many long answers the sender stopped reading by closing the connection. */
    int hungUp() {
        return hungUp.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerSocket listen(String address, int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(address), port), 100);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
             OutputStream out = connection.getOutputStream()) {
            String host = null;
            int length = 0;
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("host:")) {
                    host = line.substring(5).strip();
                } else if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            received.add(new Request(host, new String(in.readNBytes(length), StandardCharsets.UTF_8), Instant.now()));
            answer.write(this, out);
        } catch (IOException ignored) {
            // the sender went away
        }
    }

    private void trickle(OutputStream out) throws IOException {
        writeLongAnswerHeaders(out, TRICKLED_LENGTH);
        try {
            for (int sent = 0; sent < TRICKLED_LENGTH && !server.isClosed(); sent++) {
                out.write('.');
                out.flush();
                Thread.sleep(TRICKLE_EVERY);
            }
        } catch (IOException hangUp) {
            hungUp.incrementAndGet();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void flood(OutputStream out) throws IOException {
        writeLongAnswerHeaders(out, FLOODED_LENGTH);
        byte[] chunk = ".".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        try {
            while (!server.isClosed()) {
                out.write(chunk);
            }
        } catch (IOException hangUp) {
            hungUp.incrementAndGet();
        }
    }

    private static void writeLongAnswerHeaders(OutputStream out, long length) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("the connection ended within the headers");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
