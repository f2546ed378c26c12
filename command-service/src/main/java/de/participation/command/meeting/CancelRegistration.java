package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** End a registration: give up a seat, or leave the waiting list. {@code reason} is optional. */
public record CancelRegistration(@TargetAggregateIdentifier UUID meetingId, UUID registrationId, String reason) {
}
