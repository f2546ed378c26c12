package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Take the seats an offer holds, before its deadline. */
public record AcceptOffer(@TargetAggregateIdentifier UUID meetingId, UUID registrationId) {
}
