package de.participation.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The command service's personal-data endpoint as the query service's tests need it, over real
 * HTTP: it opens what {@link Histories} sealed, answers "erased" for erased registrations, hashes
 * an address for a scan, and records the bearer tokens it was called with. The real endpoint, with keys in PostgreSQL, is
 * tested in the command service and end to end in the acceptance tests.
 */
public final class TestPersonalDataService implements AutoCloseable {

    static final String SEALED = "test-sealed:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Set<UUID> erased = ConcurrentHashMap.newKeySet();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private TestPersonalDataService(HttpServer server) {
        this.server = server;
    }

    public static TestPersonalDataService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            TestPersonalDataService service = new TestPersonalDataService(server);
            server.createContext("/api/v1/personal-data/open", service::open);
            server.createContext("/api/v1/personal-data/email-hashes", service::emailHashes);
            server.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("participation.personal-data.command-service-url",
                () -> "http://localhost:" + server.getAddress().getPort());
        registry.add("participation.personal-data.timeout", () -> "2s");
    }

    /** The same, as command-line arguments of a service started by a test. */
    public List<String> arguments() {
        return List.of("--participation.personal-data.command-service-url=http://localhost:" + server.getAddress().getPort());
    }

    /** From now on the key of {@code registrationId} is gone, as after an erasure command. */
    public void erase(UUID registrationId) {
        erased.add(registrationId);
    }

    /** Whether the service answers with 503, as if the command service were unreachable. */
    public void setDown(boolean down) {
        this.down = down;
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void open(HttpExchange exchange) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        if (down) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        ArrayNode opened = JSON.createArrayNode();
        for (JsonNode sealed : request.path("registrations")) {
            UUID registrationId = UUID.fromString(sealed.path("registrationId").asText());
            ObjectNode result = opened.addObject().put("registrationId", registrationId.toString());
            boolean isErased = erased.contains(registrationId);
            if (!sealed.path("ciphertext").asText().equals(SEALED + registrationId)) {
                throw new IllegalStateException("ciphertext of another registration for " + registrationId);
            }
            result.put("erased", isErased);
            result.set("participant", isErased ? null : JSON.valueToTree(Histories.participant(registrationId)));
        }
        respond(exchange, JSON.createObjectNode().set("registrations", opened));
    }

    /** A hash per meeting, unlike any the read models hold: what a scan for an unknown address gets. */
    private void emailHashes(HttpExchange exchange) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        ObjectNode hashes = JSON.createObjectNode();
        for (JsonNode meetingId : request.path("meetingIds")) {
            hashes.put(meetingId.asText(), "test-hash-of-an-address-in-a-meeting-" + Math.abs(meetingId.asText().hashCode()));
        }
        respond(exchange, JSON.createObjectNode().set("hashes", hashes));
    }

    private static void respond(HttpExchange exchange, JsonNode json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
