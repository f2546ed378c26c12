package de.participation.events;

/**
 * A participant's personal data, kept together in one value so that it can be encrypted and
 * erased as one (GDPR): events carry it only {@link SealedParticipant sealed}, and no other event
 * field may carry any of it. {@code organisation} is optional.
 */
public record Participant(String name, String email, String organisation) {
}
