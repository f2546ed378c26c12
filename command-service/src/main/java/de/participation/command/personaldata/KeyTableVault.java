package de.participation.command.personaldata;

import de.participation.command.meeting.PersonalDataVault;
import de.participation.events.Participant;
import de.participation.events.SealedParticipant;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** The vault on the key table: a fresh key per registration, erasure by deleting it. */
@Component
class KeyTableVault implements PersonalDataVault {

    private final ParticipantKeys keys;

    KeyTableVault(ParticipantKeys keys) {
        this.keys = keys;
    }

    @Override
    public String emailHash(String email) {
        return keys.emailHasher().hash(email);
    }

    @Override
    public String seal(UUID registrationId, UUID meetingId, String organisation, Participant participant) {
        byte[] secret = ParticipantCipher.newKey();
        keys.create(registrationId, meetingId, organisation, secret);
        return ParticipantCipher.seal(secret, registrationId, participant);
    }

    @Override
    public Optional<Participant> open(UUID registrationId, SealedParticipant sealed) {
        return keys.secretOf(registrationId)
                .map(secret -> ParticipantCipher.open(secret, registrationId, sealed.ciphertext()));
    }

    @Override
    public void erase(UUID registrationId) {
        keys.delete(registrationId);
    }
}
