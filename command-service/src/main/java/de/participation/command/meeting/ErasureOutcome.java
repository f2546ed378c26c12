package de.participation.command.meeting;

import java.util.UUID;

/** An erased registration and the meeting's sequence after the erasure (or after an earlier one). */
public record ErasureOutcome(UUID meetingId, UUID registrationId, long sequence) {
}
