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
import java.util.stream.Collectors;

/**
 * A vault for the Meeting's unit tests: sealing is a readable encoding, so that expected events
 * can be written down, and erasure is remembered per registration. It knows the participants
 * sealed through it, by a command or by {@link #sealed(UUID, Participant)} for a given event, in
 * one meeting (each test has its own vault). The
 * real vault, with AES keys in PostgreSQL, is tested by the integration tests.
 */
final class TransparentVault implements PersonalDataVault {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<UUID> erased = new HashSet<>();
    private final Map<UUID, Participant> sealedHere = new HashMap<>();

    /** {@code participant} sealed for {@code registrationId}, as a given or an expected event carries it. */
    SealedParticipant sealed(UUID registrationId, Participant participant) {
        return new SealedParticipant(seal(registrationId, null, null, participant, null));
    }

    boolean isErased(UUID registrationId) {
        return erased.contains(registrationId);
    }

    @Override
    public String emailHash(UUID meetingId, String email) {
        return "hash:" + normalised(email);
    }

    @Override
    public Map<UUID, String> emailHashesOf(UUID meetingId) {
        return sealedHere.entrySet().stream().filter(sealed -> !erased.contains(sealed.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, sealed -> emailHash(meetingId, sealed.getValue().email())));
    }

    @Override
    public String seal(UUID registrationId, UUID meetingId, String organisation, Participant participant,
                       String emailHash) {
        sealedHere.put(registrationId, participant);
        try {
            return JSON.writeValueAsString(participant);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean sameParticipant(UUID registrationId, Participant participant) {
        Participant stored = sealedHere.get(registrationId);
        return stored == null || erased.contains(registrationId)
                || normalised(stored.email()).equals(normalised(participant.email()))
                && stored.name().trim().equals(participant.name().trim())
                && Objects.equals(trimmed(stored.organisation()), trimmed(participant.organisation()));
    }

    @Override
    public void erase(UUID registrationId) {
        erased.add(registrationId);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static String normalised(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
