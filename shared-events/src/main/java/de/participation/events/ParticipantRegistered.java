package de.participation.events;

import java.util.UUID;

/** A participant registered and holds a seat (status {@code CONFIRMED}). */
public record ParticipantRegistered(UUID meetingId, UUID registrationId, Participant participant) implements RegistrationEvent {
}
