package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Erase a participant's personal data (GDPR Art. 17) and keep the registration: asked by an
 * organiser of the meeting's {@code organisation}, or by an operator ({@code byOperator}), who may
 * erase in any meeting.
 */
public record EraseParticipantData(@TargetAggregateIdentifier UUID meetingId, UUID registrationId,
                                   String organisation, boolean byOperator) {
}
