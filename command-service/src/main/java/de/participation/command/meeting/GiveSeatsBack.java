package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Keep only {@code seats} of an active registration's seats (never more than it has). */
public record GiveSeatsBack(@TargetAggregateIdentifier UUID meetingId, UUID registrationId, int seats) {
}
