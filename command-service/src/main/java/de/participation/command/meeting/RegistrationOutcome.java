package de.participation.command.meeting;

import de.participation.events.RegistrationStatus;

import java.util.UUID;

/**
 * Where a registration stands after a register command. {@code created} is false for a retry
 * that found the registration already there; {@code waitingListPosition} is null unless waitlisted.
 */
public record RegistrationOutcome(
        UUID registrationId,
        RegistrationStatus status,
        Integer waitingListPosition,
        long sequence,
        boolean created) {
}
