package de.participation.command.meeting;

import de.participation.events.Participant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Ask for {@code seats} seats (1 to 10: a municipality registering several staff under one
 * contact); if they are not free and {@code joinWaitingListIfFull}, join the waiting list. The
 * caller chooses {@code registrationId} so that a retried request is recognised.
 */
public record RegisterParticipant(
        @TargetAggregateIdentifier UUID meetingId,
        UUID registrationId,
        Participant participant,
        int seats,
        boolean joinWaitingListIfFull) {

    /** A request for one seat. */
    public RegisterParticipant(UUID meetingId, UUID registrationId, Participant participant,
                               boolean joinWaitingListIfFull) {
        this(meetingId, registrationId, participant, 1, joinWaitingListIfFull);
    }
}
