package de.participation.command.forwarding;

import de.participation.command.support.Api;
import de.participation.command.support.TestDataDirectory;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TopicReader;
import de.participation.command.support.TopicReader.Published;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingEventTypes;
import de.participation.events.ParticipantRegistered;
import de.participation.localstack.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every stored event reaches the real broker, in order per meeting, as a CloudEvent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaForwardingIT {

    private static final LocalKafka KAFKA = LocalKafka.start(TestDataDirectory.create(), 0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("participation.kafka.enabled", () -> "true");
        registry.add("participation.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @LocalServerPort
    int port;

    private final TopicReader topic = new TopicReader(KAFKA.bootstrapServers());

    @Test
    void everyEventOfAMeetingIsPublishedInOrderAsACloudEvent() {
        Api api = new Api(port);
        UUID meetingId = UUID.randomUUID();
        api.post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Regionen-Workshop", "location": "Meißen",
                 "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 1}""".formatted(meetingId),
                "X-Correlation-Id", "schedule-1");
        UUID erika = UUID.randomUUID();
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, UUID.randomUUID(), "Max Mustermann", "max@example.org");
        api.cancelRegistration(meetingId, erika);

        await().atMost(Duration.ofSeconds(30)).until(() -> topic.recordsOf(meetingId).size() >= 5);

        List<Published> published = topic.recordsOf(meetingId);
        assertThat(published).extracting(p -> p.envelope().sequence()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(published).extracting(p -> p.envelope().type()).containsExactly(
                "de.participation.meeting.MeetingScheduled", "de.participation.meeting.ParticipantRegistered",
                "de.participation.meeting.ParticipantWaitlisted", "de.participation.meeting.RegistrationCancelled",
                "de.participation.meeting.WaitlistedParticipantPromoted");
        assertThat(published).extracting(p -> p.record().partition()).containsOnly(published.getFirst().record().partition());
        assertThat(published).allSatisfy(p -> {
            assertThat(p.envelope().specversion()).isEqualTo("1.0");
            assertThat(p.envelope().subject()).isEqualTo(meetingId.toString());
            assertThat(p.envelope().schemaversion())
                    .isEqualTo(MeetingEventTypes.schemaVersionOf(p.envelope().data().getClass()));
            assertThat(new String(p.record().headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .startsWith("application/cloudevents+json");
        });
        MeetingEventEnvelope scheduled = published.getFirst().envelope();
        assertThat(scheduled.correlationid()).isEqualTo("schedule-1");
        assertThat(scheduled.issuedby()).isEqualTo("organiser-smwa");
        ParticipantRegistered registered = (ParticipantRegistered) published.get(1).envelope().data();
        assertThat(registered.registrationId()).isEqualTo(erika);
        assertThat(registered.participant().ciphertext()).isNotBlank();
        assertThat(published).extracting(p -> p.record().value())
                .noneMatch(value -> value.contains("erika@example.org") || value.contains("Mustermann"));
    }
}
