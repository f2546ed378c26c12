package de.participation.query.kafka;

import de.participation.kafka.Topics;
import de.participation.query.kafka.ParkingRequests.Action;
import de.participation.query.kafka.ParkingRequests.Request;
import de.participation.query.kafka.SkippedRecords.Skipped;
import de.participation.query.projection.KnownDocuments;
import de.participation.query.projection.ParkedRecord;
import de.participation.query.projection.ParkedRecords;
import de.participation.query.projection.ProjectionService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The live projection of one consumer under the parking rule ({@link ParkingProjection}): the
 * meetings parked on its partitions, what it parks, and the operators' retries and skips of them,
 * which it carries out itself between two batches so that nothing else writes those meetings.
 */
final class ParkedMeetings {

    private static final Logger log = LoggerFactory.getLogger(ParkedMeetings.class);
    /** How often a consumer with parked meetings looks for requests. */
    private static final Duration REQUESTS_EVERY = Duration.ofMillis(200);

    private final ProjectionService projection;
    private final DeadLetters deadLetters;
    private final SkippedRecords skippedRecords;
    private final ParkingRequests requests;
    private final Clock clock;
    private final KnownDocuments known;
    private final ParkingProjection.Projector projector;
    private Set<UUID> parked = Set.of();
    private Set<String> skipped = new HashSet<>();
    private long nextRequestsCheck;
    /** The partitions this consumer owns, and the generation whose parked meetings it knows. */
    private List<Integer> owned = List.of();
    private ParkedRecords knownFrom;

    ParkedMeetings(ProjectionService projection, DeadLetters deadLetters, SkippedRecords skippedRecords,
                   ParkingRequests requests, Clock clock, KnownDocuments known, ProjectionObservation observation) {
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.skippedRecords = skippedRecords;
        this.requests = requests;
        this.clock = clock;
        this.known = known;
        this.projector = observation.observing((events, asPublished) -> projection.apply(events, asPublished, known));
    }

    /** Reads the operators' skips, which outlive any store: a replay from the start skips them again. */
    void readSkipped() {
        skipped = new HashSet<>(skippedRecords.positions());
    }

    /** The consumer now owns these partitions: their parked meetings are its to hold and release. */
    void own(Collection<TopicPartition> partitions) {
        readSkipped();
        owned = partitions.stream().filter(partition -> partition.topic().equals(Topics.MEETING_EVENTS))
                .map(TopicPartition::partition).toList();
        knowParkedOf(projection.parked());
    }

    /** After a rebuild went live, the parked meetings are those of the new generation. */
    private void knowParkedOf(ParkedRecords live) {
        parked = new HashSet<>(live.parkedFrom(owned).keySet());
        knownFrom = live;
    }

    /** Projects one batch; records that cannot be applied park their meetings, durably, before the offsets move. */
    void project(List<ConsumerRecord<String, String>> records) {
        ParkedRecords live = projection.parked();
        if (live != knownFrom) {
            knowParkedOf(live);
        }
        ParkingProjection.Result result = ParkingProjection.project(records, parked, skipped,
                projector, clock.instant());
        keep(result, false);
    }

    /** Carries out the pending requests for this consumer's parked meetings, now and then. */
    void carryOutRequests() {
        if (parked.isEmpty() || System.nanoTime() < nextRequestsCheck) {
            return;
        }
        nextRequestsCheck = System.nanoTime() + REQUESTS_EVERY.toNanos();
        for (Request request : requests.pendingFor(parked)) {
            requests.done(request, carryOut(request));
        }
    }

    /**
     * Applies the meeting's parked records again, in topic order, without the one skipped if it is
     * a skip: the meeting goes live again, or stays parked behind the first that still fails.
     */
    private ParkingRequests.Outcome carryOut(Request request) {
        UUID meetingId = request.meetingId();
        List<ParkedRecord> records = projection.parked().of(meetingId);
        if (request.action() == Action.SKIP) {
            Optional<ParkedRecord> skipping = records.stream()
                    .filter(record -> record.position().equals(request.position())).findFirst();
            if (skipping.isEmpty()) {
                return new ParkingRequests.Outcome("PARKED", 0, records.size());
            }
            ParkedRecord record = skipping.get();
            skippedRecords.record(new Skipped(meetingId, record.partition(), record.offset(), record.sequence(),
                    record.type(), record.reason(), request.by(), clock.instant()));
            skipped.add(record.position());
            log.warn("{} skipped {}-{} of meeting {} ({})", request.by(), Topics.MEETING_EVENTS, record.position(),
                    meetingId, record.reason());
        }
        Set<UUID> others = new HashSet<>(parked);
        others.remove(meetingId);
        ParkingProjection.Result result = ParkingProjection.project(
                records.stream().map(ParkedMeetings::asRecord).toList(), others, skipped,
                projector, clock.instant());
        Set<String> stillParked = result.parked().stream().map(ParkedRecord::position).collect(Collectors.toSet());
        keep(result, true);
        projection.parked().release(meetingId, records.stream().map(ParkedRecord::position)
                .filter(position -> !stillParked.contains(position)).toList());
        known.forget();
        log.info("{} of meeting {}: {} events applied, {} records still parked", request.action(), meetingId,
                result.applied(), stillParked.size());
        return new ParkingRequests.Outcome(stillParked.isEmpty() ? "LIVE" : "PARKED", result.applied(),
                stillParked.size());
    }

    private void keep(ParkingProjection.Result result, boolean again) {
        projection.park(result.parked(), again, known);
        result.parked().stream().filter(ParkedRecord::isCause).forEach(deadLetters::park);
        parked = result.parkedMeetings();
    }

    private static ConsumerRecord<String, String> asRecord(ParkedRecord record) {
        return new ConsumerRecord<>(Topics.MEETING_EVENTS, record.partition(), record.offset(), record.key(),
                record.value());
    }
}
