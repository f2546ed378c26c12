package de.participation.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A webhook receiver on this machine, as a subscriber runs one: a real HTTP server that keeps
 * every request, answers with the status chosen, and checks Standard Webhooks signatures the way a
 * receiver's library does. It can stop and listen again on the same port, as a receiver that is
 * down for a while. {@code ./run-local.sh webhook-receiver <port> <secret>} runs one that prints
 * each delivery (the webhooks story in docs/api.md); the tests use it as the far end of their deliveries.
 */
public final class LocalWebhookReceiver implements AutoCloseable {

    /** One request as it arrived: the Standard Webhooks headers and the body. */
    public record Received(String webhookId, String timestamp, String signature, String contentType, String body) {

        /** Whether {@code signature} is {@code v1,} + base64 HMAC-SHA256 of "id.timestamp.body" with the secret's bytes. */
        public boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1)), "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return signature != null && List.of(signature.split(" ")).contains(expected);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Consumer<Received> onReceipt;
    private volatile int answer = 204;
    private HttpServer server;

    private LocalWebhookReceiver(Consumer<Received> onReceipt) {
        this.onReceipt = onReceipt;
    }

    /** A receiver on a free port of the loopback interface. */
    public static LocalWebhookReceiver start() {
        return start(0, received -> { });
    }

    public static LocalWebhookReceiver start(int port, Consumer<Received> onReceipt) {
        LocalWebhookReceiver receiver = new LocalWebhookReceiver(onReceipt);
        receiver.listen(port);
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
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void restart() {
        listen(server.getAddress().getPort());
    }

    private synchronized void listen(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                Map<String, List<String>> headers = exchange.getRequestHeaders();
                Received request = new Received(first(headers, "webhook-id"), first(headers, "webhook-timestamp"),
                        first(headers, "webhook-signature"), first(headers, "content-type"),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
                received.add(request);
                onReceipt.accept(request);
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

    /** {@code <port> <secret>}: receives until stopped and prints one line per delivery. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("Usage: ./run-local.sh webhook-receiver <port> <secret of the subscription>");
            System.exit(2);
        }
        String secret = args[1];
        ObjectMapper json = new ObjectMapper();
        start(Integer.parseInt(args[0]), request -> {
            try {
                JsonNode event = json.readTree(request.body());
                System.out.printf("%s webhook-id %s  %s  meeting %s  sequence %d%n",
                        request.signedWith(secret) ? "signature valid  " : "SIGNATURE INVALID",
                        request.webhookId(), event.path("type").asText(), event.path("subject").asText(),
                        event.path("sequence").asLong());
            } catch (IOException unreadable) {
                System.out.println("unreadable body: " + request.body());
            }
        });
        System.out.println("Receiving webhooks on http://127.0.0.1:" + args[0] + "/ (Ctrl-C stops)");
        new CountDownLatch(1).await();
    }
}
