package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record ReopenRegistration(@TargetAggregateIdentifier UUID meetingId) {
}
