package de.participation.query.projection;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.RegistrationEvent;
import de.participation.query.projection.MeetingProjector.Outcome;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies one batch of events to the read models: reads the documents the batch touches (by id),
 * folds the events into them in memory, adds them to the meetings' histories, writes what changed
 * in one bulk write per collection, and then wakes readers waiting for these meetings.
 */
@Service
public class ProjectionService {

    private final LiveReadModels readModels;
    private final ProjectionSignal signal;

    public ProjectionService(LiveReadModels readModels, ProjectionSignal signal) {
        this.readModels = readModels;
        this.signal = signal;
    }

    /**
     * Applies a batch to the live generation. If a rebuild switched generations while the batch
     * ran, the batch is applied to the new live generation as well (idempotently), so that no
     * event lands only in the generation being retired.
     */
    public Outcome apply(List<MeetingEventEnvelope> events) {
        ReadModelStore pinned = readModels.current();
        Outcome outcome = project(pinned, events);
        ReadModelStore live = readModels.current();
        if (live.generation() != pinned.generation()) {
            project(live, events);
        }
        if (!outcome.meetings().isEmpty()) {
            signal.projected();
        }
        return outcome;
    }

    /** Applies a batch to one generation's read models and adds it to the meetings' history. */
    public Outcome project(ReadModelStore store, List<MeetingEventEnvelope> events) {
        return project(store, events, true);
    }

    /**
     * Applies a batch to a generation being rebuilt; the history, shared by all generations, has
     * these events already.
     */
    public Outcome replay(ReadModelStore store, List<MeetingEventEnvelope> events) {
        return project(store, events, false);
    }

    private Outcome project(ReadModelStore store, List<MeetingEventEnvelope> events, boolean addToHistory) {
        Set<UUID> meetingIds = events.stream().map(e -> e.data().meetingId()).collect(Collectors.toSet());
        Set<UUID> registrationIds = events.stream()
                .filter(e -> e.data() instanceof RegistrationEvent)
                .map(e -> ((RegistrationEvent) e.data()).registrationId())
                .collect(Collectors.toSet());
        MeetingProjector projector = new MeetingProjector(store.meetings(meetingIds), store.registrations(registrationIds));
        Outcome outcome = projector.project(events);
        store.save(outcome.registrations(), outcome.meetings(),
                addToHistory ? addedToHistory(store, events, outcome) : List.of());
        return outcome;
    }

    /** The history chunks that gained events of this batch (rejected events are not history). */
    private static Collection<HistoryChunk> addedToHistory(ReadModelStore store, List<MeetingEventEnvelope> events,
                                                           Outcome outcome) {
        Set<MeetingEventEnvelope> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
        outcome.rejected().forEach(rejection -> rejected.add(rejection.envelope()));
        List<MeetingEventEnvelope> accepted = events.stream().filter(event -> !rejected.contains(event)).toList();
        Map<String, HistoryChunk> chunks = store.historyChunks(accepted.stream()
                .map(event -> HistoryChunk.idOf(event.data().meetingId(), event.sequence())).collect(Collectors.toSet()));
        Map<String, HistoryChunk> changed = new HashMap<>();
        for (MeetingEventEnvelope event : accepted) {
            String id = HistoryChunk.idOf(event.data().meetingId(), event.sequence());
            HistoryChunk chunk = chunks.computeIfAbsent(id, missing ->
                    new HistoryChunk(event.data().meetingId(), event.sequence() / HistoryChunk.SIZE));
            if (chunk.add(event)) {
                changed.put(id, chunk);
            }
        }
        return changed.values();
    }
}
