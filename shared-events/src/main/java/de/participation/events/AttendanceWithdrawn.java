package de.participation.events;

import java.util.UUID;

/** The organiser undid a registration's check-in (checked in by mistake); its {@code seats} no longer count as present. */
public record AttendanceWithdrawn(UUID meetingId, UUID registrationId, int seats) implements RegistrationEvent {
}
