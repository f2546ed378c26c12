package de.participation.command.meeting;

import de.participation.events.WaitingListPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Schedule a meeting for the organiser's {@code organisation}; repeating it with the same id and
 * content changes nothing.
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
        String organisation) {
}
