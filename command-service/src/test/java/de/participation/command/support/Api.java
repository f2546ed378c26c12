package de.participation.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A small real HTTP client for the command API, as the portal would use it. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    public Response post(String path, String json, String... headers) {
        return send(request(path, headers).POST(json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json, String... headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response scheduleMeeting(UUID meetingId, int capacity) {
        return post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Regionen-Workshop", "location": "Meißen",
                 "startsAt": "2099-06-03T10:00:00+02:00", "capacity": %d}""".formatted(meetingId, capacity));
    }

    public Response register(UUID meetingId, UUID registrationId, String name, String email) {
        return post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "%s", "email": "%s"}}"""
                .formatted(registrationId, name, email));
    }

    public Response cancelRegistration(UUID meetingId, UUID registrationId) {
        return post("/api/v1/meetings/" + meetingId + "/registrations/" + registrationId + "/cancel", null);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
