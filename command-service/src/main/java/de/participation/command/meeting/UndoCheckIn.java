package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Take back a check-in made by mistake; {@code organisation} as in {@link ChangeCapacity}. */
public record UndoCheckIn(@TargetAggregateIdentifier UUID meetingId, UUID registrationId, String organisation) {
}
