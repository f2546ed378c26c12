package de.participation.command.meeting;

import de.participation.events.Participant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Ask for a seat; if the meeting is full and {@code joinWaitingListIfFull}, join the waiting list.
 * The caller chooses {@code registrationId} so that a retried request is recognised.
 */
public record RegisterParticipant(
        @TargetAggregateIdentifier UUID meetingId,
        UUID registrationId,
        Participant participant,
        boolean joinWaitingListIfFull) {
}
