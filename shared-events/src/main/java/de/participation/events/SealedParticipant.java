package de.participation.events;

/**
 * A participant's personal data as every stored and published event carries it (crypto-shredding,
 * GDPR): {@code ciphertext} is the {@link Participant} encrypted with a key of its own
 * registration, which only the command service holds and which erasure deletes; once the key is
 * gone nobody can read it, from the event store, from Kafka or from a backup of either.
 *
 * <p>Until schema version 3 of the participant events it also carried {@code emailHash}, a keyed
 * hash of the email under one key for the whole database. That key was destroyed (migration V8 of
 * the command service) and upcasting drops the field: a hash in an event would outlive the
 * erasure and let whoever held the key test whether an address had registered.
 */
public record SealedParticipant(String ciphertext) {
}
