package de.participation.command.meeting;

import de.participation.events.Participant;

import java.util.Map;
import java.util.UUID;

/**
 * Where the keys that seal participants' personal data live (crypto-shredding). Every registration
 * gets a key of its own, created in the same transaction as its event; erasing deletes the key, in
 * the same transaction as the erasure event, and with it every way to read the data back. What
 * recognises a person (a keyed hash of their email within the meeting) is kept beside the key and
 * goes with it: the Meeting's events and snapshots hold nothing of the person, so after an erasure
 * nothing is left from which anyone could test whether an address had registered.
 */
public interface PersonalDataVault {

    /** The keyed hash of {@code email} (trimmed, in any case) within {@code meetingId}; asks no store. */
    String emailHash(UUID meetingId, String email);

    /** The email hash of each registration of {@code meetingId} whose data is not erased. */
    Map<UUID, String> emailHashesOf(UUID meetingId);

    /**
     * Creates the registration's key, keeps {@code emailHash} beside it, and seals {@code participant}
     * with it; returns the ciphertext.
     */
    String seal(UUID registrationId, UUID meetingId, String organisation, Participant participant, String emailHash);

    /**
     * Whether {@code participant} is the one {@code registrationId} was sealed with: the same email
     * (trimmed, in any case), name and organisation (up to surrounding blanks); true once erased,
     * when there is nothing left to compare.
     */
    boolean sameParticipant(UUID registrationId, Participant participant);

    /** Deletes the registration's key and what recognises its person; does nothing if already gone. */
    void erase(UUID registrationId);
}
