package de.participation.events;

import java.time.Instant;
import java.util.UUID;

/** The organiser checked a confirmed registration in at the door, with its {@code seats}, at {@code checkedInAt}. */
public record AttendanceRecorded(UUID meetingId, UUID registrationId, int seats, Instant checkedInAt)
        implements RegistrationEvent {
}
