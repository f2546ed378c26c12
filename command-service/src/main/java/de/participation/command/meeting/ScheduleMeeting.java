package de.participation.command.meeting;

import de.participation.events.MeetingScheduled;
import de.participation.events.WaitingListPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Schedule a meeting for the organiser's {@code organisation}; repeating it with the same id and
 * content changes nothing. Its participants' personal data is erased {@code retentionDays} after
 * it ended.
 */
public record ScheduleMeeting(
        @TargetAggregateIdentifier UUID meetingId,
        String title,
        String description,
        String location,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        Instant registrationOpensAt,
        Instant registrationClosesAt,
        WaitingListPolicy waitingList,
        String organisation,
        int retentionDays) {

    /** With the default retention period. */
    public ScheduleMeeting(UUID meetingId, String title, String description, String location, Instant startsAt,
                           Instant endsAt, int capacity, Instant registrationOpensAt, Instant registrationClosesAt,
                           WaitingListPolicy waitingList, String organisation) {
        this(meetingId, title, description, location, startsAt, endsAt, capacity, registrationOpensAt,
                registrationClosesAt, waitingList, organisation, MeetingScheduled.DEFAULT_RETENTION_DAYS);
    }
}
