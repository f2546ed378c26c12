package de.participation.command.meeting;

import de.participation.command.support.TestDatabase;
import de.participation.command.writing.MeetingWriters;
import de.participation.events.Participant;
import de.participation.events.RegistrationStatus;
import de.participation.events.WaitingListPolicy;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A meeting with 10 000 registrations is not replayed from its whole history: loading it after
 * the cache lost it reads the latest snapshot and at most a quarter of its history in events (the
 * threshold's worth while that is more; see GrowingSnapshotTriggerDefinition).
 */
@SpringBootTest
class LongHistoryIT {

    private static final int SNAPSHOT_THRESHOLD = 250;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("participation.meeting.snapshot-threshold", () -> SNAPSHOT_THRESHOLD);
    }

    @Autowired
    MeetingWriters writers;
    @Autowired
    EventStore eventStore;
    @Autowired
    Cache meetingCache;

    /** As the web layer sends a command: through its meeting's writer, in a batch's transaction. */
    @SuppressWarnings("unchecked")
    private <R> R send(Object command) {
        CommandResultMessage<?> answer = writers.submit(GenericCommandMessage.asCommandMessage(command)).join();
        assertThat(answer.isExceptional()).as("refused: %s", answer.optionalExceptionResult()).isFalse();
        return (R) answer.getPayload();
    }

    @Test
    void loadingAMeetingWith10000RegistrationsReadsSnapshotAndFewEvents() {
        UUID meetingId = UUID.randomUUID();
        send(new ScheduleMeeting(meetingId, "forum sachsen digital", null, "Leipzig",
                Instant.parse("2099-06-27T07:00:00Z"), null, 5_000, null, null,
                WaitingListPolicy.UNLIMITED, "SMWA"));
        List<UUID> registrations = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            UUID registrationId = UUID.randomUUID();
            registrations.add(registrationId);
            send(new RegisterParticipant(meetingId, registrationId,
                    new Participant("Teilnehmer " + i, "person" + i + "@example.org", null), true));
        }

        // Snapshots are taken on their own thread, so the latest may still be on its way.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<? extends DomainEventMessage<?>> replayedOnLoad =
                    eventStore.readEvents(meetingId.toString()).asStream().toList();
            assertThat(replayedOnLoad.getFirst().getPayload()).isInstanceOf(Meeting.class);
            long history = replayedOnLoad.getLast().getSequenceNumber() + 1;
            assertThat(replayedOnLoad).hasSizeLessThanOrEqualTo(1 + (int) Math.max(SNAPSHOT_THRESHOLD, history / 4));
        });

        meetingCache.removeAll();
        RegistrationOutcome lastOne = send(new RegisterParticipant(meetingId, registrations.getLast(),
                new Participant("Teilnehmer 9999", "person9999@example.org", null), true));
        assertThat(lastOne.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(lastOne.waitingListPosition()).isEqualTo(5_000);
        assertThat(lastOne.sequence()).isEqualTo(10_000);

        meetingCache.removeAll();
        CancellationOutcome cancelled = send(new CancelRegistration(meetingId, registrations.getFirst(), null));
        assertThat(cancelled.movedUp().promoted()).containsExactly(registrations.get(5_000));
    }
}
