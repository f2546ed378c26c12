package de.participation.events;

import java.util.UUID;

/** The participant accepted the offer in time: its held {@code seats} are confirmed. */
public record OfferAccepted(UUID meetingId, UUID registrationId, int seats) implements RegistrationEvent {
}
