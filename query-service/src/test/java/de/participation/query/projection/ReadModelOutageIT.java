package de.participation.query.projection;

import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalKafka;
import de.participation.localstack.LocalMongo;
import de.participation.localstack.Ports;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.TestPersonalDataService;
import de.participation.query.support.TestTokens;
import de.participation.query.support.TestWebhookKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB goes away and comes back: meanwhile reads are answered at once with 503 and Retry-After,
 * and the projection waits; an event published during the outage is projected once MongoDB is
 * back, without a restart of the query service. The stand-in comes back empty (it keeps its
 * documents in memory), so this also shows the projection noticing a new store and projecting the
 * whole history into it; meanwhile reads answer 503, never a 404 or a short count. Its readiness
 * probe says so (503) while its liveness stays 200, and it is ready again once MongoDB is. Needs a
 * MongoDB the test can stop, so it runs on the stand-in (not against MONGODB_URI).
 */
class ReadModelOutageIT {

    @Test
    void readsAnswer503WhileMongoIsDownAndTheProjectionResumesWithoutLoss() throws IOException {
        assumeThat(System.getenv("MONGODB_URI")).as("a MongoDB this test can stop").isNullOrEmpty();
        Path data = Files.createTempDirectory("read-model-outage-");
        int mongoPort = Ports.free();
        LocalMongo mongo = LocalMongo.inMemory(mongoPort);
        try (LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), 0);
             TestPersonalDataService personalData = TestPersonalDataService.start();
             EventPublisher publisher = new EventPublisher(kafka.bootstrapServers())) {
            List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                    "--participation.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--participation.mongodb.uri=" + mongo.uri(), "--participation.mongodb.change-streams=false",
                    // every read goes to MongoDB: none is answered from the meetings read a moment ago
                    "--participation.read-models.meeting-cache-ttl=0s"));
            arguments.addAll(TestTokens.arguments());
            arguments.addAll(new TestWebhookKeys().arguments());
            arguments.addAll(personalData.arguments());
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                    .run(arguments.toArray(String[]::new))) {
                JsonHttp reads = new JsonHttp(((WebServerApplicationContext) service).getWebServer().getPort())
                        .withBearer(TestTokens.organiser(Histories.ORGANISATION));
                Histories meeting = new Histories(UUID.randomUUID()).scheduled(5).registered(UUID.randomUUID());
                publisher.publish(meeting.events());
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> reads.get("/api/v1/meetings/" + meeting.meetingId()).status() == 200);

                JsonHttp probes = new JsonHttp(((WebServerApplicationContext) service).getWebServer().getPort());
                assertThat(probes.get("/actuator/health/readiness").status()).isEqualTo(200);

                mongo.close();
                // without MongoDB no read can be served: out of the balancer, but not restarted
                assertThat(probes.get("/actuator/health/readiness").status()).isEqualTo(503);
                assertThat(probes.get("/actuator/health/liveness").status()).isEqualTo(200);
                long started = System.nanoTime();
                Response refused = reads.get("/api/v1/meetings/" + meeting.meetingId());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.body().path("code").asText()).isEqualTo("READ_MODELS_UNAVAILABLE");
                assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
                publisher.publish(List.of(meeting.registered(UUID.randomUUID()).events().getLast()));

                mongo = LocalMongo.inMemory(mongoPort);
                // the stand-in is back, empty: no read may say the meeting is missing or short
                List<String> wrong = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    Response summary = reads.get("/api/v1/meetings/" + meeting.meetingId());
                    if (summary.status() == 200) {
                        if (summary.body().path("confirmed").asInt() == 2) {
                            return true;
                        }
                        wrong.add("200 with " + summary.body().path("confirmed") + " confirmed");
                    } else if (summary.status() != 503 || !List.of("READ_MODELS_UNAVAILABLE", "READ_MODELS_CATCHING_UP")
                            .contains(summary.body().path("code").asText())) {
                        wrong.add(summary.status() + " " + summary.body());
                    }
                    return false;
                });
                assertThat(wrong).as("answers while the new store caught up").isEmpty();
                assertThat(probes.get("/actuator/health/readiness").status()).isEqualTo(200);
            }
        } finally {
            mongo.close();
        }
    }
}
