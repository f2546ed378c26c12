package de.participation.events;

import java.util.UUID;

/**
 * A registration ended. {@code previousStatus} tells whether it freed {@code seats} seats
 * ({@code CONFIRMED}, or {@code OFFERED}: the seats held for its offer) or left the waiting list
 * ({@code WAITLISTED}; everyone behind moves up one place). {@code reason} is optional free text.
 * Version 2: {@code seats} and the previous status {@code OFFERED} (events from before freed one seat).
 */
@SchemaVersion(2)
public record RegistrationCancelled(
        UUID meetingId,
        UUID registrationId,
        RegistrationStatus previousStatus,
        CancellationCause cause,
        String reason,
        int seats) implements RegistrationEvent {

    /** A registration of one seat ended. */
    public RegistrationCancelled(UUID meetingId, UUID registrationId, RegistrationStatus previousStatus,
                                 CancellationCause cause, String reason) {
        this(meetingId, registrationId, previousStatus, cause, reason, 1);
    }
}
