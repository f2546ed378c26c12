package de.participation.events;

import java.util.UUID;

/**
 * The participant declined the offer: the registration ends (status {@code CANCELLED}, cause
 * {@code OFFER_DECLINED}) and its {@code seats} go to the next in line.
 */
public record OfferDeclined(UUID meetingId, UUID registrationId, int seats) implements RegistrationEvent {
}
