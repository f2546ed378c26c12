package de.participation.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small real HTTP client for the services' JSON APIs, as the portal or an organiser's tool would
 * use them: for the demo data and for the tests of every module.
 */
public final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String bearerToken;

    public JsonHttp(String baseUrl) {
        this(baseUrl, null);
    }

    private JsonHttp(String baseUrl, String bearerToken) {
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
    }

    /** The same client, sending {@code token} as bearer token unless a request names its own Authorization. */
    public JsonHttp withBearer(String token) {
        return new JsonHttp(baseUrl, token);
    }

    public JsonHttp(int port) {
        this("http://localhost:" + port);
    }

    /** An answer: status, parsed body (JSON null when empty), and the raw response for headers. */
    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** POSTs {@code json}, or an empty body when it is null. */
    public Response post(String path, String json, String... headers) {
        return send(request(path, headers).POST(json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public Response put(String path, String json, String... headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public Response delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    /** Headers as name-value pairs; a pair replaces the default Content-Type when it names it. */
    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // a body that is not JSON (a calendar, a CSV file) is read from raw()
            boolean json = response.headers().firstValue("Content-Type").map(type -> type.contains("json")).orElse(true);
            JsonNode body = response.body().isEmpty() || !json ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
