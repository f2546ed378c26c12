package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** {@code organisation}: the organisation the requesting organiser acts for. */
public record ReopenRegistration(@TargetAggregateIdentifier UUID meetingId, String organisation) {
}
