package de.participation.query.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real HTTP server that receives webhooks as a subscriber would: it keeps every request it got
 * and answers with the status the test chooses. It can be stopped and started again on the same
 * port, as a receiver that is down for a while.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: the Standard Webhooks headers and the body. */
    public record Received(String webhookId, String timestamp, String signature, String contentType, String body) {
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final int port;
    private volatile int answer = 204;
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    public static WebhookReceiver start() {
        WebhookReceiver receiver = new WebhookReceiver(0);
        receiver.listen(0);
        return receiver;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on, every request is answered with {@code status} (and still kept). */
    public void answer(int status) {
        answer = status;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Stops listening: attempts now fail to connect. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Listens again on the same port. */
    public synchronized void restart() {
        listen(server.getAddress().getPort());
    }

    private synchronized void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort == 0 ? port : onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                Map<String, List<String>> headers = exchange.getRequestHeaders();
                received.add(new Received(first(headers, "webhook-id"), first(headers, "webhook-timestamp"),
                        first(headers, "webhook-signature"), first(headers, "content-type"),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(answer, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
    }

    @Override
    public void close() {
        stop();
    }
}
