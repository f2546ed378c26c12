package de.participation.events;

import java.util.UUID;

/**
 * A participant found the meeting full and joined the waiting list at {@code position} (1-based,
 * the position at that moment; it moves up as others ahead leave or are promoted). Version 2: the
 * participant is sealed, as in {@link ParticipantRegistered}.
 */
@SchemaVersion(2)
public record ParticipantWaitlisted(UUID meetingId, UUID registrationId, SealedParticipant participant, int position)
        implements RegistrationEvent {
}
