package de.participation.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A server-sent-events client as a browser's would be, over real HTTP: it reads the stream on a
 * thread of its own and keeps every {@code capacity} event with the time it arrived.
 */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One event as received. */
    public record Received(String id, JsonNode data, Instant at) {
    }

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final int status;
    private final Stream<String> lines;
    private volatile boolean ended;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.lines = response.body();
        Thread.ofVirtual().name("sse-client").start(this::read);
    }

    /** Opens {@code url} with {@code token}, and with {@code lastEventId} unless null. */
    public static SseClient open(String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    public List<Received> events() {
        return List.copyOf(events);
    }

    /** The latest event about {@code meetingId}, if any. */
    public JsonNode latestOf(String meetingId) {
        List<Received> all = new ArrayList<>(events);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).data().path("meetingId").asText().equals(meetingId)) {
                return all.get(i).data();
            }
        }
        return null;
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if ("capacity".equals(name)) {
                        events.add(new Received(id, JSON.readTree(data.toString()), Instant.now()));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (IOException | UncheckedIOException closed) {
            // the connection broke
        }
        ended = true;
    }

    @Override
    public void close() {
        lines.close();
    }
}
