package de.participation.events;

/**
 * A participant's personal data as every stored and published event carries it (crypto-shredding,
 * GDPR): {@code ciphertext} is the {@link Participant} encrypted with a key of its own
 * registration, which only the command service holds and which erasure deletes; once the key is
 * gone nobody can read it, from the event store, from Kafka or from a backup of either.
 *
 * <p>{@code emailHash} is a keyed hash (HMAC-SHA256) of the normalised email, for recognising the
 * same person without knowing who it is: without the command service's hash key it can be neither
 * reversed nor checked against a guessed address.
 */
public record SealedParticipant(String emailHash, String ciphertext) {
}
