package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Give up an offer (and with it the registration), so that the seats go to the next in line. */
public record DeclineOffer(@TargetAggregateIdentifier UUID meetingId, UUID registrationId) {
}
