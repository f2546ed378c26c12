package de.participation.command.meeting;

import java.time.Instant;
import java.util.UUID;

/** When the registration was checked in, null if it is not (any more). */
public record AttendanceOutcome(UUID registrationId, Instant checkedInAt, long sequence) {
}
