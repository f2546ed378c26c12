package de.participation.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An organiser scheduled a meeting for their {@code organisation}, which alone may run it
 * afterwards. {@code endsAt}, {@code registrationOpensAt} and {@code registrationClosesAt} are
 * optional; registration always ends at {@code startsAt}. {@code organisation} is null in events
 * written before it was recorded. Version 2: the waiting list's promotion and group policy
 * ({@link WaitingListPolicy}).
 */
@SchemaVersion(2)
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
        WaitingListPolicy waitingList,
        String organisation) implements MeetingEvent {
}
