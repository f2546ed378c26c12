package de.participation.query.projection;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationEvent;
import de.participation.query.projection.MeetingProjector.Outcome;
import de.participation.query.projection.MeetingProjector.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies one batch of events to the read models: takes the documents the batch touches from what
 * the writer remembers ({@link KnownDocuments}) or reads the others by id, folds the events into
 * them in memory, appends them to the meetings' histories, writes what changed in one bulk write
 * per collection, and then wakes readers waiting for these meetings.
 *
 * <p>One event that cannot be projected must not stop the others (a poison event would otherwise
 * be retried forever, and every partition behind it with it). If a batch fails for any reason but
 * a MongoDB outage, its events are applied one at a time; one that still fails after
 * {@value #TRIES} tries is rejected with the reason (the live projection parks it on the
 * dead-letter topic, a rebuild skips it), and the rest are projected. A MongoDB outage is waited
 * out instead: nothing is rejected because the database is away.
 */
@Service
public class ProjectionService {

    private static final Logger log = LoggerFactory.getLogger(ProjectionService.class);
    static final int TRIES = 3;

    private final LiveReadModels readModels;
    private final ProjectionSignal signal;

    public ProjectionService(LiveReadModels readModels, ProjectionSignal signal) {
        this.readModels = readModels;
        this.signal = signal;
    }

    /**
     * Applies a batch to the live generation with what its writer remembers. If a rebuild switched
     * generations before or while the batch ran, the batch is applied to the new live generation as
     * well (idempotently, reading what it needs), so that no event lands only in the generation
     * being retired.
     *
     * @param asPublished each event's JSON as its record holds it, which goes into the history
     *                    as it is (written again, it would cost an eighth of the projection's time)
     */
    public Outcome apply(List<MeetingEventEnvelope> events, Function<MeetingEventEnvelope, String> asPublished,
                         KnownDocuments known) {
        ReadModelStore pinned = known.liveStore(readModels);
        Outcome outcome = isolatingFailures(pinned, events, asPublished, known);
        ReadModelStore live = readModels.current();
        if (live.generation() != pinned.generation()) {
            isolatingFailures(live, events, asPublished, known.rememberingNothing());
        }
        known.pin(live);
        if (!outcome.meetings().isEmpty()) {
            signal.projected();
        }
        return outcome;
    }

    /**
     * Keeps the records the live projection parks, in the live generation, and marks their
     * meetings. Marking changes the meetings' documents behind the writer's back, so what it
     * remembers is forgotten.
     *
     * @param again whether these records are being parked again after a retry: then each replaces
     *              what was kept at its position (another record may have become the cause); else
     *              what is kept stays (a batch projected again after a crash changes nothing)
     */
    public void park(List<ParkedRecord> records, boolean again, KnownDocuments known) {
        if (!records.isEmpty()) {
            parked().park(records, again);
            known.forget();
        }
    }

    /** The live generation's parked records (as this instance saw it at most half a second ago). */
    public ParkedRecords parked() {
        return readModels.live().parked();
    }

    /**
     * Applies a batch to a generation being rebuilt; the history, shared by all generations, has
     * these events already.
     */
    public Outcome replay(ReadModelStore store, List<MeetingEventEnvelope> events, KnownDocuments known) {
        known.use(store);
        return isolatingFailures(store, events, null, known);
    }

    /** @param asPublished the events' JSON for the history as their records hold it; null: not added to the history */
    private Outcome isolatingFailures(ReadModelStore store, List<MeetingEventEnvelope> events,
                                      Function<MeetingEventEnvelope, String> asPublished, KnownDocuments known) {
        try {
            return project(store, events, asPublished, known);
        } catch (RuntimeException failure) {
            if (MongoOutage.is(failure)) {
                throw failure;
            }
            if (events.size() == 1) {
                return alone(store, events.getFirst(), asPublished, known, failure);
            }
            log.warn("A batch of {} events failed ({}); applying them one at a time", events.size(), failure.toString());
            Outcome combined = Outcome.NOTHING;
            Set<UUID> parked = new HashSet<>();
            for (MeetingEventEnvelope event : events) {
                Outcome one = parked.contains(event.data().meetingId()) ? Outcome.holding(event)
                        : alone(store, event, asPublished, known, null);
                if (!one.rejected().isEmpty()) {
                    parked.add(event.data().meetingId());
                }
                combined = combined.and(one);
            }
            return combined;
        }
    }

    /** One event, tried up to {@value #TRIES} times in all; rejected if it never succeeds. */
    private Outcome alone(ReadModelStore store, MeetingEventEnvelope event,
                          Function<MeetingEventEnvelope, String> asPublished, KnownDocuments known,
                          RuntimeException firstFailure) {
        RuntimeException failure = firstFailure;
        for (int attempt = firstFailure == null ? 1 : 2; attempt <= TRIES; attempt++) {
            try {
                return project(store, List.of(event), asPublished, known);
            } catch (RuntimeException again) {
                if (MongoOutage.is(again)) {
                    throw again;
                }
                failure = again;
            }
        }
        log.error("Event {} of meeting {} cannot be projected; rejected after {} tries", event.sequence(),
                event.data().meetingId(), TRIES, failure);
        return Outcome.rejecting(List.of(new Rejected(event, "cannot be projected: " + failure)));
    }

    /**
     * Folds and writes one batch. The documents are changed in memory before they are written, so a
     * failure anywhere leaves what the writer remembers unlike the store: it is forgotten.
     */
    private Outcome project(ReadModelStore store, List<MeetingEventEnvelope> events,
                            Function<MeetingEventEnvelope, String> asPublished, KnownDocuments known) {
        try {
            Outcome outcome = fold(store, events, known);
            store.save(outcome.registrations(), outcome.arrivalOrder(), outcome.meetings(),
                    asPublished == null ? List.of() : accepted(events, outcome), asPublished);
            known.remember(store, outcome);
            return outcome;
        } catch (RuntimeException failure) {
            known.forget();
            throw failure;
        }
    }

    /** Takes or reads the documents the events touch and folds the events into them, writing nothing. */
    static Outcome fold(ReadModelStore store, List<MeetingEventEnvelope> events, KnownDocuments known) {
        Set<UUID> meetingIds = events.stream().map(e -> e.data().meetingId()).collect(Collectors.toSet());
        Set<UUID> registrationIds = events.stream()
                .filter(e -> e.data() instanceof RegistrationEvent)
                .map(e -> ((RegistrationEvent) e.data()).registrationId())
                .collect(Collectors.toSet());
        Map<UUID, RegistrationReadModel> registrations = known.registrations(store, registrationIds);
        Outcome folded = new MeetingProjector(known.meetings(store, meetingIds), registrations,
                arrivalOrder(store, known, events, meetingIds, registrations)).project(events);
        known.stamp(folded);
        return folded;
    }

    /**
     * The arrival documents the batch may change: the indexes of its meetings, the chunks of the
     * registrations it changes, and the chunks its arrivals will take (which the indexes tell).
     */
    private static Map<String, ArrivalDocument> arrivalOrder(ReadModelStore store, KnownDocuments known,
                                                             List<MeetingEventEnvelope> events, Set<UUID> meetingIds,
                                                             Map<UUID, RegistrationReadModel> registrations) {
        Map<UUID, Long> arrivalsPerMeeting = events.stream()
                .filter(event -> event.data() instanceof ParticipantRegistered || event.data() instanceof ParticipantWaitlisted)
                .collect(Collectors.groupingBy(event -> event.data().meetingId(), Collectors.counting()));
        Map<String, ArrivalDocument> documents = new HashMap<>(known.arrivalDocuments(store,
                meetingIds.stream().map(ArrivalIndex::idOf).collect(Collectors.toSet())));
        Set<String> chunkIds = new HashSet<>();
        registrations.values().forEach(registration ->
                chunkIds.add(ArrivalChunk.idOf(registration.meetingId(), ArrivalChunk.numberOf(registration.arrival()))));
        arrivalsPerMeeting.forEach((meetingId, arrivals) -> {
            int next = documents.get(ArrivalIndex.idOf(meetingId)) instanceof ArrivalIndex index ? index.arrivals() : 0;
            for (int number = ArrivalChunk.numberOf(next); number <= ArrivalChunk.numberOf(next + arrivals.intValue() - 1); number++) {
                chunkIds.add(ArrivalChunk.idOf(meetingId, number));
            }
        });
        documents.putAll(known.arrivalDocuments(store, chunkIds));
        return documents;
    }

    /** The events of the batch that go into the history (rejected and held events are not history, yet). */
    private static List<MeetingEventEnvelope> accepted(List<MeetingEventEnvelope> events, Outcome outcome) {
        Set<MeetingEventEnvelope> notApplied = Collections.newSetFromMap(new IdentityHashMap<>());
        outcome.rejected().forEach(rejection -> notApplied.add(rejection.envelope()));
        notApplied.addAll(outcome.held());
        return events.stream().filter(event -> !notApplied.contains(event)).toList();
    }
}
