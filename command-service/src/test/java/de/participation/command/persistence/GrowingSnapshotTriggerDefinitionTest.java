package de.participation.command.persistence;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrowingSnapshotTriggerDefinitionTest {

    private static final int THRESHOLD = 1_000;

    /** The history length at each snapshot the trigger asked for while a meeting received its events. */
    private static List<Long> snapshotsAlong(long events) {
        List<Long> snapshotAt = new ArrayList<>();
        long[] handled = {0};
        Snapshotter recorder = (type, id) -> snapshotAt.add(handled[0]);
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(recorder, THRESHOLD).prepareTrigger(Object.class);
        trigger.initializationFinished();
        for (long sequence = 0; sequence < events; sequence++) {
            handled[0] = sequence + 1;
            trigger.eventHandled(new GenericDomainEventMessage<>("Meeting", "m-1", sequence, "event"));
        }
        return snapshotAt;
    }

    @Test
    void aSmallMeetingIsSnapshottedEveryThresholdEvents() {
        assertThat(snapshotsAlong(4_500)).containsExactly(1_000L, 2_000L, 3_000L, 4_000L);
    }

    @Test
    void aLoadAfterACacheMissReplaysAtMostAQuarterOfTheHistoryOrTheThreshold() {
        List<Long> snapshots = snapshotsAlong(200_000);
        long previous = 0;
        for (long snapshot : snapshots) {
            assertThat(snapshot - previous).isLessThanOrEqualTo(Math.max(THRESHOLD, snapshot / 4));
            previous = snapshot;
        }
        assertThat(200_000 - previous).isLessThanOrEqualTo(200_000 / 4);
    }

    @Test
    void theEventsWrittenIntoSnapshotsStayProportionalToTheHistory() {
        long events = 200_000;
        long writtenIntoSnapshots = snapshotsAlong(events).stream().mapToLong(Long::longValue).sum();

        // A fixed threshold of 1 000 would write 200 snapshots, 20 million events' worth (100 per event).
        assertThat(writtenIntoSnapshots).isLessThanOrEqualTo(5 * events);
    }
}
