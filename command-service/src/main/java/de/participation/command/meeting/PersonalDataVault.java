package de.participation.command.meeting;

import de.participation.events.Participant;

import java.util.UUID;

/**
 * Where the keys that seal participants' personal data live (crypto-shredding). Every registration
 * gets a key of its own, created in the same transaction as its event; erasing deletes the key, in
 * the same transaction as the erasure event, and with it every way to read the data back. The
 * Meeting itself keeps no personal data, only the email's keyed hash, so snapshots and caches hold
 * none either.
 */
public interface PersonalDataVault {

    /** The keyed hash of the normalised email, by which the Meeting recognises the same person. */
    String emailHash(String email);

    /** Creates the registration's key and seals {@code participant} with it; returns the ciphertext. */
    String seal(UUID registrationId, UUID meetingId, String organisation, Participant participant);

    /**
     * Whether {@code participant} has the name and organisation (up to surrounding blanks) that
     * {@code registrationId} was sealed with; true once erased, when there is nothing left to
     * compare.
     */
    boolean sameNameAndOrganisation(UUID registrationId, Participant participant);

    /** Deletes the registration's key; does nothing if it is already gone. */
    void erase(UUID registrationId);
}
