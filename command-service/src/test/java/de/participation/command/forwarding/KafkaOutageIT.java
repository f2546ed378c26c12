package de.participation.command.forwarding;

import de.participation.command.support.Api;
import de.participation.command.support.TestDataDirectory;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TopicReader;
import de.participation.command.support.TopicReader.Published;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands do not depend on Kafka; forwarding catches up, in order, when the broker returns; health
 * says DEGRADED, naming Kafka, meanwhile, while the readiness and liveness probes stay 200, and the
 * forwarder's lag counts the events waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOutageIT {

    private static final Path KAFKA_LOG = TestDataDirectory.create();
    private static LocalKafka kafka = LocalKafka.start(KAFKA_LOG, 0);
    private static final int KAFKA_PORT = kafka.port();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("participation.kafka.enabled", () -> "true");
        registry.add("participation.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void commandsAreAcceptedWhileKafkaIsDownAndForwardedWhenItReturns() {
        Api api = new Api(port);
        TopicReader topic = new TopicReader(kafka.bootstrapServers());
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.recordsOf(meetingId).size() == 1);

        kafka.close();
        Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.body().path("components").path("kafka").path("status").asText()).isEqualTo("DEGRADED");
        // commands are still taken, so the instance stays in the balancer, and nothing asks for a restart
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            assertThat(api.register(meetingId, UUID.randomUUID(), "Teilnehmer " + i, "p" + i + "@example.org").status())
                    .isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> forwarderLag() == 20);
        kafka = LocalKafka.start(KAFKA_LOG, KAFKA_PORT);

        await().atMost(Duration.ofSeconds(120)).until(() -> firstOccurrences(topic.recordsOf(meetingId)).size() == 21);
        assertThat(firstOccurrences(topic.recordsOf(meetingId)))
                .containsExactlyElementsOf(LongStream.rangeClosed(0, 20).boxed().toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> forwarderLag() == 0);
    }

    private double forwarderLag() {
        return meters.get("participation.forwarder.lag").gauge().value();
    }

    /** Sequences in the order they first appear: delivery is at least once, so repeats may follow. */
    private static List<Long> firstOccurrences(List<Published> published) {
        List<Long> sequences = new ArrayList<>();
        for (Published p : published) {
            if (!sequences.contains(p.envelope().sequence())) {
                sequences.add(p.envelope().sequence());
            }
        }
        return sequences;
    }
}
