package de.participation.query.personaldata;

import de.participation.events.Participant;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The participants opened for one read, by registration id. An erased one is missing; one the key
 * service could not be asked about (it is down or too slow) is {@link #isUnavailable unavailable}:
 * the read still answers, showing it as temporarily unavailable.
 */
public record OpenedParticipants(Map<UUID, Participant> participants, Set<UUID> unavailable) {

    public OpenedParticipants {
        participants = Map.copyOf(participants);
        unavailable = Set.copyOf(unavailable);
    }

    /** The participant of {@code registrationId}; null if erased or unavailable. */
    public Participant of(UUID registrationId) {
        return participants.get(registrationId);
    }

    public boolean isUnavailable(UUID registrationId) {
        return unavailable.contains(registrationId);
    }

    /**
     * These participants, all of them: for an export, which must not leave names out silently.
     *
     * @throws PersonalDataUnavailableException if some could not be opened
     */
    public OpenedParticipants complete() {
        if (!unavailable.isEmpty()) {
            throw new PersonalDataUnavailableException("The participants' personal data cannot be opened right now", null);
        }
        return this;
    }
}
