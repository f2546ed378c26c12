package de.participation.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.events.MeetingScheduled;
import de.participation.events.WaitingListPolicy;
import de.participation.localstack.JsonHttp;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event the projection cannot apply (here a meeting a billion years away, which an earlier
 * version accepted and no date type downstream can hold) parks its meeting after a few tries, with a
 * copy on the dead-letter topic; the other meetings' events behind it on the same partition are
 * projected, the status shows it, and a rebuild parks it the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoisonEventIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();
    private static final int PARTITIONS = 6;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
        registry.add("participation.kafka.partitions", () -> String.valueOf(PARTITIONS));
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    @LocalServerPort
    int port;

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());

    @Test
    void anEventThatCannotBeProjectedIsParkedAndEverythingBehindItGoesOn() {
        UUID poisoned = UUID.randomUUID();
        UUID behind = meetingOnTheSamePartitionAs(poisoned);
        publisher.publish(new Histories(poisoned).add(new MeetingScheduled(poisoned, "Zeitreise", null, "Dresden",
                Instant.parse("+999999999-12-31T23:59:59Z"), null, 10, null, null, WaitingListPolicy.UNLIMITED,
                Histories.ORGANISATION)).events());
        publisher.publish(new Histories(behind).scheduled(5).registered(UUID.randomUUID()).events());

        await().atMost(Duration.ofSeconds(30)).until(() -> organiser().get("/api/v1/meetings/" + behind).status() == 200);
        assertThat(organiser().get("/api/v1/meetings/" + poisoned).status()).isEqualTo(404);
        JsonNode parked = operator().get("/api/v1/admin/projections").body().path("parked");
        assertThat(parked.path("count").asLong()).isEqualTo(1);
        assertThat(parked.path("latest").get(0).path("meetingId").asText()).isEqualTo(poisoned.toString());
        assertThat(parked.path("latest").get(0).path("reason").asText()).startsWith("cannot be projected: ");

        assertThat(operator().post("/api/v1/admin/projections/rebuild", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !rebuild().path("state").asText().equals("RUNNING"));
        assertThat(rebuild().path("state").asText()).isEqualTo("COMPLETED");
        assertThat(rebuild().path("eventsParked").asLong()).isEqualTo(1);
        assertThat(parked(operator().get("/api/v1/admin/projections").body())).isEqualTo(poisoned.toString());
        assertThat(organiser().get("/api/v1/meetings/" + behind).body().path("confirmed").asInt()).isEqualTo(1);
    }

    /** The one meeting parked in the status. */
    private static String parked(JsonNode status) {
        assertThat(status.path("parkedMeetings")).hasSize(1);
        return status.path("parkedMeetings").get(0).path("meetingId").asText();
    }

    private JsonNode rebuild() {
        return operator().get("/api/v1/admin/projections").body().path("rebuild");
    }

    /** A meeting whose events the producer's default partitioner puts on the same partition. */
    private static UUID meetingOnTheSamePartitionAs(UUID meetingId) {
        List<UUID> candidates = new ArrayList<>();
        while (candidates.isEmpty()) {
            UUID candidate = UUID.randomUUID();
            if (partitionOf(candidate) == partitionOf(meetingId)) {
                candidates.add(candidate);
            }
        }
        return candidates.getFirst();
    }

    private static int partitionOf(UUID meetingId) {
        return Utils.toPositive(Utils.murmur2(meetingId.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private JsonHttp organiser() {
        return new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION));
    }

    private JsonHttp operator() {
        return new JsonHttp(port).withBearer(TestTokens.withRole(Roles.OPERATOR));
    }
}
