package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Record at the door that a confirmed registration's people came; {@code organisation} as in {@link ChangeCapacity}. */
public record CheckIn(@TargetAggregateIdentifier UUID meetingId, UUID registrationId, String organisation) {
}
