package de.participation.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The offer's deadline {@code deadline} passed unanswered: the registration ends (status
 * {@code CANCELLED}, cause {@code OFFER_EXPIRED}) and its {@code seats} go to the next in line.
 */
public record OfferExpired(UUID meetingId, UUID registrationId, int seats, Instant deadline)
        implements RegistrationEvent {
}
