package de.participation.command.meeting;

import java.util.UUID;

/** {@code created} is false when the same schedule was requested before and nothing changed. */
public record ScheduleOutcome(UUID meetingId, long sequence, boolean created) {
}
