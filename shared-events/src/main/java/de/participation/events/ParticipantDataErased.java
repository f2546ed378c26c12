package de.participation.events;

import java.util.UUID;

/**
 * The participant's personal data was erased: the key that sealed it is deleted, so every copy of
 * it in any event can no longer be read. The registration itself, its status and its place in the
 * history stay: counts and order do not change. Version 2: the {@code cause}, on request or at the
 * end of the meeting's retention period (version 1 knew only erasure on request).
 */
@SchemaVersion(2)
public record ParticipantDataErased(UUID meetingId, UUID registrationId, ErasureCause cause)
        implements RegistrationEvent {

    /** An erasure on request. */
    public ParticipantDataErased(UUID meetingId, UUID registrationId) {
        this(meetingId, registrationId, ErasureCause.REQUEST);
    }
}
