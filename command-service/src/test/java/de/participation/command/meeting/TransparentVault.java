package de.participation.command.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.events.Participant;
import de.participation.events.SealedParticipant;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A vault for the Meeting's unit tests: sealing is a readable encoding, so that expected events
 * can be written down, and erasure is remembered per registration. The real vault, with AES keys
 * in PostgreSQL, is tested by the integration tests.
 */
final class TransparentVault implements PersonalDataVault {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<UUID> erased = new HashSet<>();

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
        return sealed(participant).ciphertext();
    }

    @Override
    public Optional<Participant> open(UUID registrationId, SealedParticipant sealed) {
        if (erased.contains(registrationId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(sealed.ciphertext(), Participant.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void erase(UUID registrationId) {
        erased.add(registrationId);
    }

    private static String hash(String email) {
        return "hash:" + email.trim().toLowerCase(Locale.ROOT);
    }
}
