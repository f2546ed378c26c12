package de.participation.command.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.events.Participant;
import de.participation.events.SealedParticipant;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A vault for the Meeting's unit tests: sealing is a readable encoding, so that expected events
 * can be written down, and erasure is remembered per registration. Only registrations sealed
 * through it (by a command, not a given event) are compared by name and organisation. The real
 * vault, with AES keys in PostgreSQL, is tested by the integration tests.
 */
final class TransparentVault implements PersonalDataVault {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<UUID> erased = new HashSet<>();
    private final Map<UUID, Participant> sealedHere = new HashMap<>();

    static SealedParticipant sealed(Participant participant) {
        try {
            return new SealedParticipant(hash(participant.email()), JSON.writeValueAsString(participant));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isErased(UUID registrationId) {
        return erased.contains(registrationId);
    }

    @Override
    public String emailHash(String email) {
        return hash(email);
    }

    @Override
    public String seal(UUID registrationId, UUID meetingId, String organisation, Participant participant) {
        sealedHere.put(registrationId, participant);
        return sealed(participant).ciphertext();
    }

    @Override
    public boolean sameNameAndOrganisation(UUID registrationId, Participant participant) {
        Participant stored = sealedHere.get(registrationId);
        return stored == null || erased.contains(registrationId)
                || stored.name().trim().equals(participant.name().trim())
                && Objects.equals(trimmed(stored.organisation()), trimmed(participant.organisation()));
    }

    @Override
    public void erase(UUID registrationId) {
        erased.add(registrationId);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static String hash(String email) {
        return "hash:" + email.trim().toLowerCase(Locale.ROOT);
    }
}
