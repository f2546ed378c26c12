package de.participation.query.admin;

import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalKafka;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestPersonalDataService;
import de.participation.query.support.TestTokens;
import de.participation.query.support.TestWebhookKeys;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Kafka away the query service keeps serving what it has projected, its operators' status
 * says Kafka is unavailable (at once, no 500), and its health is DEGRADED, naming Kafka, while its
 * readiness and liveness probes stay 200; when the
 * broker is back, all of it recovers by itself.
 */
class KafkaOutageStatusIT {

    @Test
    void statusAndHealthSayKafkaIsAwayWhileReadsGoOn() throws Exception {
        Path log = Files.createTempDirectory("kafka-outage-");
        LocalKafka kafka = LocalKafka.start(log, 0);
        int kafkaPort = kafka.port();
        try (TestMongo mongo = TestMongo.start(); TestPersonalDataService personalData = TestPersonalDataService.start()) {
            List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                    "--participation.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--participation.mongodb.uri=" + mongo.uri(),
                    "--participation.mongodb.database=" + TestMongo.freshDatabaseName()));
            arguments.addAll(TestTokens.arguments());
            arguments.addAll(new TestWebhookKeys().arguments());
            arguments.addAll(personalData.arguments());
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                    .run(arguments.toArray(String[]::new))) {
                int port = ((WebServerApplicationContext) service).getWebServer().getPort();
                JsonHttp operator = new JsonHttp(port).withBearer(TestTokens.withRole(Roles.OPERATOR));
                JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION));
                Histories meeting = new Histories(UUID.randomUUID()).scheduled(5).registered(UUID.randomUUID());
                try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers())) {
                    publisher.publish(meeting.events());
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> organiser.get("/api/v1/meetings/" + meeting.meetingId()).status() == 200);

                kafka.close();
                long asked = System.nanoTime();
                Response status = operator.get("/api/v1/admin/projections");
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(6));
                assertThat(status.status()).isEqualTo(200);
                assertThat(status.body().path("kafka").asText()).isEqualTo("UNAVAILABLE");
                Response health = new JsonHttp(port).get("/actuator/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.body().path("components").path("kafka").path("status").asText()).isEqualTo("DEGRADED");
                // reads go on, so the instance stays in the balancer, and nothing asks for a restart
                assertThat(new JsonHttp(port).get("/actuator/health/readiness").status()).isEqualTo(200);
                assertThat(new JsonHttp(port).get("/actuator/health/liveness").status()).isEqualTo(200);
                assertThat(organiser.get("/api/v1/meetings/" + meeting.meetingId()).body().path("confirmed").asInt())
                        .isEqualTo(1);

                kafka = LocalKafka.start(log, kafkaPort);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        operator.get("/api/v1/admin/projections").body().path("kafka").asText().equals("UP")
                                && new JsonHttp(port).get("/actuator/health").body().path("status").asText().equals("UP"));
            }
        } finally {
            kafka.close();
        }
    }
}
