package de.participation.events;

import java.util.UUID;

/**
 * A participant registered and holds a seat (status {@code CONFIRMED}). Version 2: the participant
 * is sealed; version 1 carried it in clear and was migrated in the event store.
 */
@SchemaVersion(2)
public record ParticipantRegistered(UUID meetingId, UUID registrationId, SealedParticipant participant)
        implements RegistrationEvent {
}
