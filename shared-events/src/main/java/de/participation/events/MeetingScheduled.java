package de.participation.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An organiser scheduled a meeting. {@code endsAt}, {@code registrationOpensAt} and
 * {@code registrationClosesAt} are optional; registration always ends at {@code startsAt}.
 */
public record MeetingScheduled(
        UUID meetingId,
        String title,
        String description,
        String location,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        Instant registrationOpensAt,
        Instant registrationClosesAt,
        WaitingListPolicy waitingList) implements MeetingEvent {
}
