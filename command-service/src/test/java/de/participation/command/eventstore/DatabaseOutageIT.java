package de.participation.command.eventstore;

import de.participation.command.support.Api;
import de.participation.command.support.RunningService;
import de.participation.command.support.TestDataDirectory;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalPostgres;
import de.participation.localstack.Ports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away and comes back: meanwhile commands are answered at once with 503 and
 * Retry-After (not after the pool's wait, not with a 500), nothing is half-written, and once the
 * database is back the same service takes commands again, without a restart. Its readiness probe
 * says so (503) meanwhile, its liveness stays 200.
 */
class DatabaseOutageIT {

    @Test
    void commandsAnswer503WhileTheDatabaseIsDownAndWorkAgainWhenItIsBack() {
        Path data = TestDataDirectory.create();
        int port = Ports.free();
        LocalPostgres postgres = LocalPostgres.start(data, port, false);
        try (RunningService service = RunningService.on(postgres.jdbcUrl())) {
            Api api = service.api();
            UUID meetingId = UUID.randomUUID();
            assertThat(api.scheduleMeeting(meetingId, 5).status()).isEqualTo(201);

            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

            postgres.close();
            // without PostgreSQL no command can be decided: out of the balancer, but not restarted
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(api.get("/actuator/health").status()).isEqualTo(503);
            long started = System.nanoTime();
            Response refused = api.register(meetingId, UUID.randomUUID(), "Erika Mustermann", "erika@example.org");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body().path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(took).isLessThan(Duration.ofSeconds(3));

            postgres = LocalPostgres.start(data, port, false);
            UUID erika = UUID.randomUUID();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.register(meetingId, erika, "Erika Mustermann", "erika@example.org").status() / 100 == 2);
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(service.storedEvents().of(meetingId)).extracting(event -> event.simpleType())
                    .containsExactly("MeetingScheduled", "ParticipantRegistered");
        } finally {
            postgres.close();
        }
    }
}
