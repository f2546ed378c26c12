package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Cancel the meeting for good; {@code reason} is optional, {@code organisation} is the one the
 * requesting organiser acts for.
 */
public record CancelMeeting(@TargetAggregateIdentifier UUID meetingId, String reason, String organisation) {
}
