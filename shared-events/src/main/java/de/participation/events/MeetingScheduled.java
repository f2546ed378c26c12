package de.participation.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An organiser scheduled a meeting for their {@code organisation}, which alone may run it
 * afterwards. {@code endsAt}, {@code registrationOpensAt} and {@code registrationClosesAt} are
 * optional; registration always ends at {@code startsAt}. {@code organisation} is null in events
 * written before it was recorded. Version 2: the waiting list's promotion and group policy
 * ({@link WaitingListPolicy}). Version 3: {@code retentionDays}, how many days after the meeting
 * ended (its {@code endsAt}, else its {@code startsAt}) its participants' personal data is erased;
 * meetings scheduled before it keep the default of {@value #DEFAULT_RETENTION_DAYS} days.
 */
@SchemaVersion(3)
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
        String organisation,
        int retentionDays) implements MeetingEvent {

    /** The retention period of DOMAIN.md when nobody chose one. */
    public static final int DEFAULT_RETENTION_DAYS = 90;

    /** A meeting with the default retention period. */
    public MeetingScheduled(UUID meetingId, String title, String description, String location, Instant startsAt,
                            Instant endsAt, int capacity, Instant registrationOpensAt, Instant registrationClosesAt,
                            WaitingListPolicy waitingList, String organisation) {
        this(meetingId, title, description, location, startsAt, endsAt, capacity, registrationOpensAt,
                registrationClosesAt, waitingList, organisation, DEFAULT_RETENTION_DAYS);
    }
}
