package de.participation.command.meeting;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the meeting leaves the deadlines of its offers, in the same transaction as the offer's
 * event, so that a deadline is never lost and never stored for an offer that was not made. Someone
 * sends {@link ExpireOffer} once a deadline is due; the meeting alone decides whether it expires.
 */
public interface OfferDeadlines {

    /** The offer of {@code registrationId} is due to expire at {@code deadline} (replacing an earlier one). */
    void expireAt(UUID meetingId, UUID registrationId, Instant deadline);
}
