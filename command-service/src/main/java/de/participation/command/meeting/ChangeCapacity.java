package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record ChangeCapacity(@TargetAggregateIdentifier UUID meetingId, int capacity) {
}
