package de.participation.query.kafka;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.UnreadableEventException;
import de.participation.kafka.MeetingEventJson;
import de.participation.query.projection.MeetingProjector.Outcome;
import de.participation.query.projection.ParkedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Projects records of the events topic so that each meeting's events are applied in order or not
 * at all. A record of a meeting that cannot be applied (unreadable, not an event of the meeting its
 * key names, or rejected by the projection) parks the meeting: the record is kept with the reason,
 * and every later record of that meeting is kept behind it, unapplied, until an operator retries
 * or skips it. Other meetings go on. A record whose key names no meeting is parked on its own.
 * Records an operator skipped ({@link SkippedRecords}) are neither applied nor parked.
 *
 * <p>Used by the live projection, by its retries, and by a rebuild, so that all three follow the
 * same rule.
 */
public final class ParkingProjection {

    /** Applies readable events to the read models, given each one's JSON as its record holds it. */
    @FunctionalInterface
    public interface Projector {
        Outcome apply(List<MeetingEventEnvelope> events, Function<MeetingEventEnvelope, String> asPublished);
    }

    /** What one batch applied and parked; {@code parkedMeetings} are those parked after it. */
    public record Result(int applied, List<ParkedRecord> parked, Set<UUID> parkedMeetings) {
    }

    private ParkingProjection() {
    }

    /**
     * @param parked  the meetings parked before the batch (on its partitions)
     * @param skipped the positions ({@code partition@offset}) an operator skipped
     * @param apply   applies readable events to the read models
     */
    public static Result project(List<ConsumerRecord<String, String>> records, Set<UUID> parked, Set<String> skipped,
                          Projector apply, Instant now) {
        Set<UUID> parkedNow = new HashSet<>(parked);
        List<ParkedRecord> parking = new ArrayList<>();
        List<MeetingEventEnvelope> events = new ArrayList<>();
        Map<MeetingEventEnvelope, ConsumerRecord<String, String>> origins = new IdentityHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (!skipped.isEmpty() && skipped.contains(ParkedRecord.positionOf(record.partition(), record.offset()))) {
                continue;
            }
            UUID meetingId = MeetingKeys.meetingOf(record.key()).orElse(null);
            if (meetingId != null && parkedNow.contains(meetingId)) {
                parking.add(parked(record, meetingId, null, null, now));
                continue;
            }
            try {
                MeetingEventEnvelope event = eventOf(record, meetingId);
                events.add(event);
                origins.put(event, record);
            } catch (UnreadableEventException unreadable) {
                parking.add(parked(record, meetingId, null, unreadable.getMessage(), now));
                if (meetingId != null) {
                    parkedNow.add(meetingId);
                }
            }
        }
        Outcome outcome = events.isEmpty() ? null : apply.apply(events, event -> origins.get(event).value());
        int applied = events.size();
        if (outcome != null) {
            for (var rejected : outcome.rejected()) {
                parking.add(parked(origins.get(rejected.envelope()), rejected.envelope().data().meetingId(),
                        rejected.envelope(), rejected.reason(), now));
                parkedNow.add(rejected.envelope().data().meetingId());
            }
            outcome.held().forEach(event -> parking.add(parked(origins.get(event), event.data().meetingId(), event,
                    null, now)));
            applied -= outcome.rejected().size() + outcome.held().size();
        }
        return new Result(applied, causesFirst(parking, parked), parkedNow);
    }

    /**
     * Of the records a batch parks for one meeting, only the first is the cause: any later one
     * (which may have failed for a reason of its own) waits behind it, as does everything parked
     * for a meeting that was parked before the batch.
     */
    private static List<ParkedRecord> causesFirst(List<ParkedRecord> parking, Set<UUID> parkedBefore) {
        Map<UUID, ParkedRecord> first = parking.stream().filter(record -> record.meetingId() != null)
                .collect(Collectors.toMap(ParkedRecord::meetingId, Function.identity(),
                        (one, other) -> one.offset() <= other.offset() ? one : other));
        return parking.stream().map(record -> record.meetingId() == null
                        || (!parkedBefore.contains(record.meetingId()) && first.get(record.meetingId()) == record)
                        ? record : behind(record))
                .sorted(Comparator.comparingInt(ParkedRecord::partition).thenComparingLong(ParkedRecord::offset))
                .toList();
    }

    private static ParkedRecord behind(ParkedRecord record) {
        return new ParkedRecord(record.partition(), record.offset(), record.meetingId(), record.key(), record.value(),
                record.sequence(), record.type(), null, record.parkedAt());
    }

    /** The record's event, if it is readable and an event of the meeting its key names. */
    private static MeetingEventEnvelope eventOf(ConsumerRecord<String, String> record, UUID meetingId) {
        MeetingEventEnvelope event = MeetingEventJson.read(record.value() == null ? "" : record.value());
        if (meetingId == null) {
            throw new UnreadableEventException("record without a meeting key: " + record.key());
        }
        if (!meetingId.equals(event.data().meetingId())) {
            throw new UnreadableEventException("an event of meeting " + event.data().meetingId()
                    + " under the key of meeting " + meetingId);
        }
        return event;
    }

    private static ParkedRecord parked(ConsumerRecord<String, String> record, UUID meetingId,
                                       MeetingEventEnvelope event, String reason, Instant now) {
        return new ParkedRecord(record.partition(), record.offset(), meetingId, record.key(), record.value(),
                event == null ? null : event.sequence(), event == null ? null : event.type(), reason, now);
    }
}
