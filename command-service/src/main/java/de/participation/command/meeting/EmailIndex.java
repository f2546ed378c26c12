package de.participation.command.meeting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The registrations of one meeting by the hash of their person's email, as the vault keeps them
 * beside their keys: how the Meeting recognises a person without asking the database on every
 * registration. It is derived from the vault, not from the events (which carry no hash, so that an
 * erasure leaves none behind), so it lives only in memory: never in a snapshot, loaded from the
 * vault when first needed after the meeting was loaded, and kept up to date by the commands that
 * register and erase. A meeting reloaded (another instance wrote, a batch rolled back) starts with
 * a new, unloaded index.
 */
final class EmailIndex {

    private Map<String, Set<UUID>> registrationsByHash;
    private Map<UUID, String> hashByRegistration;

    /** The registrations, not erased, whose person's email has {@code emailHash}. */
    Set<UUID> registrationsOf(String emailHash, UUID meetingId, PersonalDataVault vault) {
        if (hashByRegistration == null) {
            registrationsByHash = new HashMap<>();
            hashByRegistration = new HashMap<>();
            vault.emailHashesOf(meetingId).forEach((registrationId, hash) -> add(hash, registrationId));
        }
        return registrationsByHash.getOrDefault(emailHash, Set.of());
    }

    /** A registration just sealed with {@code emailHash}; nothing to do while not loaded (the vault has it). */
    void add(String emailHash, UUID registrationId) {
        if (hashByRegistration != null) {
            registrationsByHash.computeIfAbsent(emailHash, hash -> new HashSet<>()).add(registrationId);
            hashByRegistration.put(registrationId, emailHash);
        }
    }

    /** An erased registration: its hash goes from memory too. */
    void forget(UUID registrationId) {
        if (hashByRegistration != null) {
            String hash = hashByRegistration.remove(registrationId);
            if (hash != null) {
                Set<UUID> holders = registrationsByHash.get(hash);
                holders.remove(registrationId);
                if (holders.isEmpty()) {
                    registrationsByHash.remove(hash);
                }
            }
        }
    }
}
