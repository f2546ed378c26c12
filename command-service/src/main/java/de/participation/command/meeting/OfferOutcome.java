package de.participation.command.meeting;

import de.participation.events.RegistrationStatus;

import java.util.UUID;

/** Where a registration stands after answering its offer, and who moved up into seats it declined. */
public record OfferOutcome(UUID registrationId, RegistrationStatus status, MovedUp movedUp, long sequence) {
}
