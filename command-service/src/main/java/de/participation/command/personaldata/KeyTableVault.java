package de.participation.command.personaldata;

import de.participation.command.meeting.PersonalDataVault;
import de.participation.events.Participant;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
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
        keys.create(registrationId, meetingId, organisation, secret, ParticipantCipher.digest(secret, participant));
        return ParticipantCipher.seal(secret, registrationId, participant);
    }

    @Override
    public boolean sameNameAndOrganisation(UUID registrationId, Participant participant) {
        return keys.keyAndDigestOf(registrationId)
                .map(stored -> MessageDigest.isEqual(stored.digest(), ParticipantCipher.digest(stored.secret(), participant)))
                .orElse(true);
    }

    @Override
    public void erase(UUID registrationId) {
        keys.delete(registrationId);
    }
}
