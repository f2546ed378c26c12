package de.participation.events;

import java.util.UUID;

/**
 * The participant's personal data was erased on request (GDPR Art. 17): the key that sealed it is
 * deleted, so every copy of it in any event can no longer be read. The registration itself, its
 * status and its place in the history stay: counts and order do not change.
 */
public record ParticipantDataErased(UUID meetingId, UUID registrationId) implements RegistrationEvent {
}
