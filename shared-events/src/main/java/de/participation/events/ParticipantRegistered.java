package de.participation.events;

import java.util.List;
import java.util.UUID;

/**
 * A participant registered and holds {@code seats} seats (status {@code CONFIRMED}). {@code passed}
 * lists the waiting entries that stay waiting although they came first, because they do not fit
 * into the free seats (group policy {@code FILL_GAPS}). Version 2: the participant is sealed;
 * version 1 carried it in clear and was migrated in the event store. Version 3: {@code seats} and
 * {@code passed} (events from before hold one seat and passed nobody). Version 4: the participant
 * carries no email hash ({@link SealedParticipant}).
 */
@SchemaVersion(4)
public record ParticipantRegistered(UUID meetingId, UUID registrationId, SealedParticipant participant, int seats,
                                    List<UUID> passed) implements RegistrationEvent {

    public ParticipantRegistered {
        passed = List.copyOf(passed);
    }

    /** A registration of one seat that passed nobody. */
    public ParticipantRegistered(UUID meetingId, UUID registrationId, SealedParticipant participant) {
        this(meetingId, registrationId, participant, 1, List.of());
    }
}
