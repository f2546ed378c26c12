package de.participation.query.audit;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.query.projection.MeetingReadModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What auditors prove erasure with: a meeting's retention period, how many of its registrations
 * were erased, on request or by retention, and each erasure: when, how many at once, why, by whom
 * (the erasures one request or one retention run caused, which share a correlation id).
 */
record ErasureReport(UUID meetingId, int retentionDays, Instant retentionEndsAt, int registrations, int erased,
                     int erasedOnRequest, int erasedByRetention, List<Erasure> erasures) {

    record Erasure(Instant at, String cause, int count, String issuedBy, String correlationId) {
    }

    static ErasureReport of(MeetingReadModel meeting, List<MeetingEventEnvelope> history) {
        int registrations = (int) history.stream().filter(event -> event.data() instanceof ParticipantRegistered
                || event.data() instanceof ParticipantWaitlisted).count();
        Map<String, Erasure> erasures = new LinkedHashMap<>();
        for (MeetingEventEnvelope event : history) {
            if (event.data() instanceof ParticipantDataErased erased) {
                erasures.merge(event.correlationid(), new Erasure(event.time(), erased.cause().name(), 1,
                                event.issuedby(), event.correlationid()),
                        (first, next) -> new Erasure(first.at(), first.cause(), first.count() + 1, first.issuedBy(),
                                first.correlationId()));
            }
        }
        List<Erasure> all = new ArrayList<>(erasures.values());
        return new ErasureReport(meeting.meetingId(), meeting.retentionDays(), meeting.retentionEndsAt(), registrations,
                all.stream().mapToInt(Erasure::count).sum(), countOf(all, "REQUEST"), countOf(all, "RETENTION"), all);
    }

    private static int countOf(List<Erasure> erasures, String cause) {
        return erasures.stream().filter(erasure -> erasure.cause().equals(cause)).mapToInt(Erasure::count).sum();
    }
}
