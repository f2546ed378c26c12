package de.participation.query.projection;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.RegistrationEvent;
import de.participation.query.projection.MeetingProjector.Outcome;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies one batch of events to the read models: reads the documents the batch touches (by id),
 * folds the events into them in memory, writes what changed in one bulk write per collection, and
 * then wakes readers waiting for these meetings.
 */
@Service
public class ProjectionService {

    private final ReadModelStore store;
    private final ProjectionSignal signal;

    public ProjectionService(ReadModelStore store, ProjectionSignal signal) {
        this.store = store;
        this.signal = signal;
    }

    public Outcome apply(List<MeetingEventEnvelope> events) {
        Set<UUID> meetingIds = events.stream().map(e -> e.data().meetingId()).collect(Collectors.toSet());
        Set<UUID> registrationIds = events.stream()
                .filter(e -> e.data() instanceof RegistrationEvent)
                .map(e -> ((RegistrationEvent) e.data()).registrationId())
                .collect(Collectors.toSet());
        MeetingProjector projector = new MeetingProjector(store.meetings(meetingIds), store.registrations(registrationIds));
        Outcome outcome = projector.project(events);
        store.save(outcome.registrations(), outcome.meetings());
        if (!outcome.meetings().isEmpty()) {
            signal.projected();
        }
        return outcome;
    }
}
