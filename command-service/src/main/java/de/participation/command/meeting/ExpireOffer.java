package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Sent when an offer's deadline is due ({@link OfferDeadlines}): ends the offer if it is still open
 * and its deadline has passed, otherwise changes nothing, so that sending it twice, late, or after
 * the offer was answered is harmless.
 */
public record ExpireOffer(@TargetAggregateIdentifier UUID meetingId, UUID registrationId) {
}
