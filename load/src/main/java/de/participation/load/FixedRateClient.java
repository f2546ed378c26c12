package de.participation.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: request i is due at {@code start + i / rate}, whatever happened to the ones
 * before, and its latency counts from that time, not from when it was sent. A stalled service
 * therefore shows as the long waits its users would see (no coordinated omission), which a
 * closed-loop client such as wrk hides at a fixed rate.
 */
final class FixedRateClient {

    /** @param answeredAt when each registration answered 201 arrived (epoch milliseconds), by registration id */
    record Result(double offeredPerSecond, double answeredPerSecond, Latencies latencies, long created, long busy,
                  long other, Map<String, Long> answeredAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String baseUrl;
    private final String token;

    FixedRateClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    Result register(List<String> meetings, int perSecond, Duration duration, String run) throws InterruptedException {
        int total = (int) (perSecond * duration.toSeconds());
        Latencies latencies = new Latencies(total);
        AtomicLong created = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong other = new AtomicLong();
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                LockSupport.parkNanos(due - System.nanoTime());
                String registrationId = UUID.randomUUID().toString();
                HttpRequest request = registration(meetings.get(i % meetings.size()), registrationId, run, i);
                requests.execute(() -> {
                    int status = send(request);
                    latencies.record(System.nanoTime() - due);
                    if (status == 201) {
                        answeredAt.put(registrationId, System.currentTimeMillis());
                    }
                    (status == 201 ? created : status == 503 ? busy : other).incrementAndGet();
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(perSecond, total / seconds, latencies, created.get(), busy.get(), other.get(), answeredAt);
    }

    private HttpRequest registration(String meeting, String registrationId, String run, int number) {
        String body = """
                {"registrationId":"%s","participant":{"name":"Teilnehmer %d","email":"f%s-%d@example.org"}}"""
                .formatted(registrationId, number, run, number);
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/meetings/" + meeting + "/registrations"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception failed) {
            return -1;
        }
    }
}
