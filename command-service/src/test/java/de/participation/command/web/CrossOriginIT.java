package de.participation.command.web;

import de.participation.command.support.CommandServiceIT;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's origin may send an organiser's commands from the browser; no other origin may. */
@TestPropertySource(properties = "participation.web.allowed-origins=http://dashboard.example.org:8082")
class CrossOriginIT extends CommandServiceIT {

    private static final String DASHBOARD = "http://dashboard.example.org:8082";

    @LocalServerPort
    private int port;

    private HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theDashboardsOriginMaySendACommandWithTokenAndJson() throws Exception {
        HttpResponse<String> answer = preflight("/api/v1/meetings/" + UUID.randomUUID() + "/capacity",
                DASHBOARD, "PUT", "authorization,content-type");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization", "content-type");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void theCommandItselfAnswersTheDashboardsOrigin() {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);

        Response answer = api.put("/api/v1/meetings/" + meetingId + "/capacity", "{\"capacity\": 9}",
                "Origin", DASHBOARD);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
    }

    @Test
    void anotherOriginIsRefused() throws Exception {
        HttpResponse<String> answer = preflight("/api/v1/meetings/" + UUID.randomUUID() + "/capacity",
                "https://elsewhere.example.com", "PUT", "authorization,content-type");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void thePortalsCommandsStayClosedToBrowsers() throws Exception {
        HttpResponse<String> answer = preflight("/api/v1/meetings/" + UUID.randomUUID() + "/registrations",
                DASHBOARD, "POST", "authorization,content-type");

        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
