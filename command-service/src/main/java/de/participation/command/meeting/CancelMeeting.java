package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Cancel the meeting for good; {@code reason} is optional. */
public record CancelMeeting(@TargetAggregateIdentifier UUID meetingId, String reason) {
}
