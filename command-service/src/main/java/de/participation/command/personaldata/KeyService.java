package de.participation.command.personaldata;

import de.participation.events.Participant;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The key service: the one part of the system that holds the keys of personal data and what
 * recognises a person, in the key table. Nothing else reads that table or uses the ciphers
 * (ArchitectureTest), and keys never leave it. Its API: the vault by which the Meeting seals,
 * recognises and erases ({@link KeyTableVault}); opening sealed participants for a reader, which the
 * read side asks for on its readers' behalf; and the hashes of an address, for the data protection officer's scan
 * that proves an erasure left nothing behind.
 */
@Component
public class KeyService {

    /** A participant as an event carries it, sealed for its registration. */
    public record Sealed(UUID registrationId, String ciphertext) {
    }

    /** A registration's participant, or none once its data is erased. */
    public record Opened(UUID registrationId, Participant participant) {

        public boolean erased() {
            return participant == null;
        }
    }

    private final ParticipantKeys keys;

    KeyService(ParticipantKeys keys) {
        this.keys = keys;
    }

    /**
     * Opens {@code sealed}, in the same order.
     *
     * @param organisation the reader's organisation, which must organise every meeting of these
     *                     registrations; null for a reader allowed to read every meeting
     * @throws ForeignPersonalDataException  if a registration belongs to another organisation's meeting
     * @throws NotSealedForRegistrationException if a ciphertext was not sealed for its registration
     */
    public List<Opened> open(List<Sealed> sealed, String organisation) {
        Map<UUID, ParticipantKeys.ParticipantKey> found = keys.keysOf(sealed.stream().map(Sealed::registrationId)
                        .collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(ParticipantKeys.ParticipantKey::registrationId, Function.identity()));
        if (organisation != null && found.values().stream()
                .anyMatch(key -> !Objects.equals(key.organisation(), organisation))) {
            throw new ForeignPersonalDataException();
        }
        List<Opened> opened = new ArrayList<>();
        for (int index = 0; index < sealed.size(); index++) {
            Sealed one = sealed.get(index);
            ParticipantKeys.ParticipantKey key = found.get(one.registrationId());
            opened.add(new Opened(one.registrationId(), key == null ? null : open(key, one, index)));
        }
        return opened;
    }

    /**
     * The hash of {@code email} within each of {@code meetingIds}, as the key table would hold it
     * for a registration of that address: what the data protection officer's scan looks for.
     */
    public Map<UUID, String> emailHashes(String email, Collection<UUID> meetingIds) {
        EmailHasher hasher = keys.emailHasher();
        Map<UUID, String> hashes = new LinkedHashMap<>();
        meetingIds.forEach(meetingId -> hashes.put(meetingId, hasher.hash(meetingId, email)));
        return hashes;
    }

    private static Participant open(ParticipantKeys.ParticipantKey key, Sealed sealed, int index) {
        try {
            return ParticipantCipher.open(key.secret(), sealed.registrationId(), sealed.ciphertext());
        } catch (IllegalArgumentException notItsCiphertext) {
            throw new NotSealedForRegistrationException(index);
        }
    }

    /** Some of the registrations asked for belong to another organisation's meetings. */
    public static class ForeignPersonalDataException extends RuntimeException {
        ForeignPersonalDataException() {
            super("Some of these registrations belong to another organisation's meetings", null, false, false);
        }
    }

    /** The ciphertext at {@code index} was not sealed for its registration. */
    public static class NotSealedForRegistrationException extends RuntimeException {

        private final int index;

        NotSealedForRegistrationException(int index) {
            super("Ciphertext " + index + " was not sealed for its registration", null, false, false);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }
}
