package de.participation.command.meeting;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the meeting leaves the moment its participants' personal data is to be erased, in the same
 * transaction as the event that set it (scheduling, or new times), so that it is never lost.
 * Someone sends {@link EraseAfterRetention} once it is due; the meeting alone decides.
 */
public interface RetentionDeadlines {

    /** The personal data of {@code meetingId} is due to be erased at {@code at} (replacing an earlier moment). */
    void eraseAt(UUID meetingId, Instant at);
}
