package de.participation.command.meeting;

import java.util.UUID;

/** An erased registration; {@code erasedNow} is false when an earlier request had already erased it. */
public record ErasureOutcome(UUID meetingId, UUID registrationId, boolean erasedNow, long sequence) {
}
