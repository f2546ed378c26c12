package de.participation.events;

import java.util.UUID;

/**
 * A registration ended. {@code previousStatus} tells whether it freed a seat ({@code CONFIRMED})
 * or left the waiting list ({@code WAITLISTED}; everyone behind moves up one place).
 * {@code reason} is optional free text.
 */
public record RegistrationCancelled(
        UUID meetingId,
        UUID registrationId,
        RegistrationStatus previousStatus,
        CancellationCause cause,
        String reason) implements RegistrationEvent {
}
