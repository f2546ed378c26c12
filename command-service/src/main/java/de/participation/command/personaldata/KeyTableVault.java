package de.participation.command.personaldata;

import de.participation.command.meeting.PersonalDataVault;
import de.participation.events.Participant;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;

/** The vault on the key table: a fresh key per registration, erasure by deleting it. */
@Component
class KeyTableVault implements PersonalDataVault {

    private final ParticipantKeys keys;

    KeyTableVault(ParticipantKeys keys) {
        this.keys = keys;
    }

    @Override
    public String emailHash(UUID meetingId, String email) {
        return keys.emailHasher().hash(meetingId, email);
    }

    @Override
    public Map<UUID, String> emailHashesOf(UUID meetingId) {
        return keys.emailHashesOf(meetingId);
    }

    @Override
    public String seal(UUID registrationId, UUID meetingId, String organisation, Participant participant,
                       String emailHash) {
        byte[] secret = ParticipantCipher.newKey();
        keys.create(registrationId, meetingId, organisation, secret, ParticipantCipher.digest(secret, participant),
                emailHash);
        return ParticipantCipher.seal(secret, registrationId, participant);
    }

    @Override
    public boolean sameParticipant(UUID registrationId, Participant participant) {
        return keys.identityOf(registrationId)
                .map(stored -> stored.emailHash().equals(keys.emailHasher().hash(stored.meetingId(), participant.email()))
                        && MessageDigest.isEqual(stored.digest(), ParticipantCipher.digest(stored.secret(), participant)))
                .orElse(true);
    }

    @Override
    public void erase(UUID registrationId) {
        keys.delete(registrationId);
    }
}
