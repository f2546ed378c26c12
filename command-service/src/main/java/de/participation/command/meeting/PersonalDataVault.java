package de.participation.command.meeting;

import de.participation.events.Participant;

import java.util.Set;
import java.util.UUID;

/**
 * Where the keys that seal participants' personal data live (crypto-shredding). Every registration
 * gets a key of its own, created in the same transaction as its event; erasing deletes the key, in
 * the same transaction as the erasure event, and with it every way to read the data back. What
 * recognises a person (a keyed hash of their email within the meeting) is kept beside the key and
 * goes with it: the Meeting, its events and its snapshots hold nothing of the person, so after an
 * erasure nothing is left from which anyone could test whether an address had registered.
 */
public interface PersonalDataVault {

    /**
     * The registrations of {@code meetingId} whose participant has {@code email} (trimmed, in any
     * case), among those whose data is not erased.
     */
    Set<UUID> registrationsWithEmail(UUID meetingId, String email);

    /** Creates the registration's key and seals {@code participant} with it; returns the ciphertext. */
    String seal(UUID registrationId, UUID meetingId, String organisation, Participant participant);

    /**
     * Whether {@code participant} is the one {@code registrationId} was sealed with: the same email
     * (trimmed, in any case), name and organisation (up to surrounding blanks); true once erased,
     * when there is nothing left to compare.
     */
    boolean sameParticipant(UUID registrationId, Participant participant);

    /** Deletes the registration's key and what recognises its person; does nothing if already gone. */
    void erase(UUID registrationId);
}
