package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes during rushes, seeded and repeatable, with real processes: while clients register on
 * several meetings, the command service, the query service, the Kafka broker, PostgreSQL and the
 * MongoDB stand-in are killed with -9 in turn ({@code crash.cycles} times each, 2 by default; {@code crash.seed} fixes the schedule). The
 * clients retry as the portal does (same registration id, until a definite answer). Afterwards
 * every acknowledged registration is stored and projected exactly once, the invariants hold (no
 * more confirmed than seats, the rest waiting), a retry answers as the acknowledgement did (same
 * status and place), and the stack came back by itself.
 */
class CrashSuiteIT {

    private static final long SEED = Long.getLong("crash.seed", 20261128L);
    private static final int CYCLES = Integer.getInteger("crash.cycles", 2);
    private static final int MEETINGS = 4;
    private static final int CAPACITY = 15;
    private static final int PER_RUSH = 40;
    private static final int CLIENTS = 8;
    /** The processes killed in turn, by the names the local stack's supervisor gives them. */
    private static final List<String> VICTIMS = List.of("command-service", "query-service", "Kafka broker",
            "PostgreSQL", "MongoDB stand-in");

    private final int commandPort = Ports.free();
    private final int queryPort = Ports.free();

    /** What a client was told for a registration: the definite answer it got first. */
    private record Acknowledged(UUID meetingId, String status, int waitingListPosition) {
    }

    @Test
    void everyAcknowledgedRegistrationSurvivesCrashesExactlyOnce() throws Exception {
        Path data = Files.createTempDirectory("crash-suite-");
        Random random = new Random(SEED);
        Map<UUID, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        Map<String, Integer> crashes = new LinkedHashMap<>();
        // Every attempt counts against a person's hourly registration limit, and these clients retry
        // through ten crashes in two minutes: the limit is not what this suite is about.
        try (LocalStackProcess stack = LocalStackProcess.start(data, null, commandPort, queryPort,
                Map.of("RATE_LIMIT_PER_EMAIL", "1000"))) {
            LocalIssuer issuer = LocalIssuer.in(data.resolve("issuer"));
            List<UUID> meetings = new ArrayList<>();
            for (int i = 0; i < MEETINGS; i++) {
                UUID meetingId = new UUID(SEED, i);
                meetings.add(meetingId);
                assertThat(commands(issuer, "organiser").post("/api/v1/meetings", """
                        {"meetingId": "%s", "title": "Absturz-Workshop %d", "location": "Dresden",
                         "startsAt": "2099-06-03T10:00:00+02:00", "capacity": %d}""".formatted(meetingId, i, CAPACITY))
                        .status()).isEqualTo(201);
            }
            int rush = 0;
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                for (String victim : VICTIMS) {
                    rush(issuer, meetings, random, rush++, victim, data, acknowledged);
                    crashes.merge(victim, 1, Integer::sum);
                }
            }

            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> meetings.stream()
                    .allMatch(meetingId -> projectedRegistrations(issuer, meetingId) == acknowledgedFor(acknowledged, meetingId)));
            long lost = 0;
            for (Map.Entry<UUID, Acknowledged> entry : acknowledged.entrySet()) {
                Acknowledged ack = entry.getValue();
                Response retry = register(issuer, ack.meetingId(), entry.getKey());
                assertThat(retry.status()).as("retry of %s", entry.getKey()).isEqualTo(200);
                assertThat(retry.body().path("status").asText()).isEqualTo(ack.status());
                assertThat(retry.body().path("waitingListPosition").asInt()).isEqualTo(ack.waitingListPosition());
                if (queries(issuer).get("/api/v1/registrations/" + entry.getKey()).status() != 200) {
                    lost++;
                }
            }
            long doubled = 0;
            for (UUID meetingId : meetings) {
                JsonNode summary = queries(issuer).get("/api/v1/meetings/" + meetingId).body();
                long acks = acknowledgedFor(acknowledged, meetingId);
                doubled += Math.max(0, summary.path("confirmed").asInt() + summary.path("waitlisted").asInt() - acks);
                assertThat(summary.path("confirmed").asInt()).isEqualTo(Math.min(CAPACITY, acks));
                assertThat(summary.path("waitlisted").asInt()).isEqualTo(Math.max(0, acks - CAPACITY));
            }
            System.out.printf("Crash suite (seed %d): crashes %s; acknowledged %d, lost %d, doubled %d%n", SEED, crashes,
                    acknowledged.size(), lost, doubled);
            assertThat(lost).isZero();
            assertThat(doubled).isZero();
            assertThat(acknowledged).hasSize(CYCLES * VICTIMS.size() * PER_RUSH);
        }
    }

    /**
     * {@value #PER_RUSH} registrations from {@value #CLIENTS} clients on the meetings, and the victim
     * killed once half of them have been answered.
     */
    private void rush(LocalIssuer issuer, List<UUID> meetings, Random random, int rush, String victim, Path data,
                      Map<UUID, Acknowledged> acknowledged) throws Exception {
        List<UUID> targets = new ArrayList<>();
        for (int i = 0; i < PER_RUSH; i++) {
            targets.add(meetings.get(random.nextInt(meetings.size())));
        }
        int killAfter = PER_RUSH / 4 + random.nextInt(PER_RUSH / 2);
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> answers = new ArrayList<>();
            for (int i = 0; i < PER_RUSH; i++) {
                UUID meetingId = targets.get(i);
                UUID registrationId = new UUID(SEED + rush, i);
                answers.add(clients.submit(() -> acknowledged.put(registrationId,
                        registerUntilAnswered(issuer, meetingId, registrationId))));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> answers.stream().filter(Future::isDone).count() >= killAfter);
            kill(data, victim);
            for (Future<?> answer : answers) {
                answer.get();
            }
        }
    }

    /**
     * Retries as the portal does: the same registration until the service gives a definite answer,
     * waiting as long as a refusal's Retry-After asks (every attempt counts against the person's
     * registration limit).
     */
    private Acknowledged registerUntilAnswered(LocalIssuer issuer, UUID meetingId, UUID registrationId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Duration pause = Duration.ofMillis(200);
            try {
                Response answer = register(issuer, meetingId, registrationId);
                if (answer.status() == 201 || answer.status() == 200) {
                    return new Acknowledged(meetingId, answer.body().path("status").asText(),
                            answer.body().path("waitingListPosition").asInt());
                }
                assertThat(answer.status()).as("answer while crashing: %s", answer.body()).isIn(502, 503, 504);
                pause = answer.raw().headers().firstValue("Retry-After").map(Long::parseLong).map(Duration::ofSeconds)
                        .orElse(pause);
            } catch (UncheckedIOException serviceAway) {
                // the command service is being started again
            }
            LockSupport.parkNanos(pause.toNanos());
        }
        throw new AssertionError("Registration " + registrationId + " got no definite answer within 3 minutes");
    }

    private Response register(LocalIssuer issuer, UUID meetingId, UUID registrationId) {
        return commands(issuer, "portal").post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Teilnehmer %s", "email": "%s@example.org"}}"""
                .formatted(registrationId, registrationId, registrationId));
    }

    private long projectedRegistrations(LocalIssuer issuer, UUID meetingId) {
        JsonNode summary = queries(issuer).get("/api/v1/meetings/" + meetingId).body();
        return summary.path("confirmed").asLong() + summary.path("waitlisted").asLong();
    }

    private static long acknowledgedFor(Map<UUID, Acknowledged> acknowledged, UUID meetingId) {
        return acknowledged.values().stream().filter(ack -> ack.meetingId().equals(meetingId)).count();
    }

    private static void kill(Path data, String name) throws IOException {
        long pid = Files.readAllLines(data.resolve("run/children.pids")).stream()
                .filter(line -> line.endsWith(" " + name)).map(line -> Long.parseLong(line.split(" ")[0]))
                .findFirst().orElseThrow();
        ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
        victim.destroyForcibly();
        victim.onExit().join();
    }

    private JsonHttp commands(LocalIssuer issuer, String role) {
        return new JsonHttp("http://localhost:" + commandPort).withBearer(issuer.token(role, role.equals("organiser") ? "SMWA" : null));
    }

    private JsonHttp queries(LocalIssuer issuer) {
        return new JsonHttp("http://localhost:" + queryPort).withBearer(issuer.token("organiser", "SMWA"));
    }
}
