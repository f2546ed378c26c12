package de.participation.command.web;

import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their bodies a byte at a time (slowloris on the body) cannot take the service
 * down: they are cut off after the body deadline with 408, those beyond the cap on concurrent
 * uploads get 503 at once, and meanwhile the health check and body-less requests answer at once.
 */
class SlowClientsIT extends CommandServiceIT {

    private static final int SLOW_CLIENTS = 120;
    private static final int CONCURRENT_UPLOADS = 20;

    @DynamicPropertySource
    static void tightLimits(DynamicPropertyRegistry registry) {
        registry.add("participation.http.body-read-within", () -> "3s");
        registry.add("participation.http.concurrent-uploads", () -> String.valueOf(CONCURRENT_UPLOADS));
    }

    @LocalServerPort
    int port;

    @Test
    void slowBodiesAreCutOffAndTheServiceKeepsAnswering() throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        List<Future<Integer>> slow = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(clients.submit(() -> registerByteByByte(meetingId)));
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(api.post("/api/v1/meetings/" + meetingId + "/registration/close", null,
                    "Authorization", "Bearer " + TestTokens.organiser()).status()).isEqualTo(200);

            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> client : slow) {
                statuses.add(client.get());
            }
            assertThat(statuses).containsOnly(408, 503);
            assertThat(statuses).filteredOn(status -> status == 408).hasSize(CONCURRENT_UPLOADS);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    /**
     * Declares a 200-byte body and sends one byte of it every 500 ms (an opening brace, then blanks,
     * which keep a JSON parser waiting); returns the status it gets.
     */
    private int registerByteByByte(UUID meetingId) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/meetings/" + meetingId + "/registrations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.portal() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            for (int sent = 0; sent < 200; sent++) {
                if (in.available() > 0) {
                    break;
                }
                try {
                    out.write(sent == 0 ? '{' : ' ');
                    out.flush();
                } catch (IOException closedByTheServer) {
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
