package de.participation.events;

import java.util.UUID;

/**
 * A participant found too few free seats and joined the waiting list at {@code position} (1-based,
 * the position at that moment; it moves up as others ahead leave or move up), asking for
 * {@code seats}. Version 2: the participant is sealed, as in {@link ParticipantRegistered}.
 * Version 3: {@code seats} (events from before ask for one). Version 4: the participant carries no
 * email hash ({@link SealedParticipant}).
 */
@SchemaVersion(4)
public record ParticipantWaitlisted(UUID meetingId, UUID registrationId, SealedParticipant participant, int position,
                                    int seats) implements RegistrationEvent {

    /** A waiting entry for one seat. */
    public ParticipantWaitlisted(UUID meetingId, UUID registrationId, SealedParticipant participant, int position) {
        this(meetingId, registrationId, participant, position, 1);
    }
}
