package de.participation.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A waiting entry moved up under promotion {@code OFFER}: its {@code seats} are held for it (status
 * {@code OFFERED}) until it accepts, declines, or {@code expiresAt} passes, which is
 * {@code offerHours} after the offer and never after the meeting starts. {@code cause},
 * {@code vacatedBy} and {@code passed} as in {@link WaitlistedParticipantPromoted}.
 */
public record OfferMade(UUID meetingId, UUID registrationId, int seats, Instant expiresAt, PromotionCause cause,
                        UUID vacatedBy, List<UUID> passed) implements RegistrationEvent {

    public OfferMade {
        passed = List.copyOf(passed);
    }
}
