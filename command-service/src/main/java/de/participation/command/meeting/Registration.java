package de.participation.command.meeting;

import de.participation.events.Participant;
import de.participation.events.RegistrationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the Meeting remembers of one registration: enough to answer a retried command exactly as
 * the first time ({@code successors}: whom its cancellation promoted into its seat).
 */
record Registration(UUID id, Participant participant, RegistrationStatus status, List<UUID> successors) {

    static Registration confirmed(UUID id, Participant participant) {
        return new Registration(id, participant, RegistrationStatus.CONFIRMED, List.of());
    }

    static Registration waitlisted(UUID id, Participant participant) {
        return new Registration(id, participant, RegistrationStatus.WAITLISTED, List.of());
    }

    Registration asConfirmed() {
        return new Registration(id, participant, RegistrationStatus.CONFIRMED, successors);
    }

    Registration asCancelled() {
        return new Registration(id, participant, RegistrationStatus.CANCELLED, successors);
    }

    /** Records that this registration's freed seat went to {@code successor}. */
    Registration withSuccessor(UUID successor) {
        List<UUID> all = new ArrayList<>(successors);
        all.add(successor);
        return new Registration(id, participant, status, List.copyOf(all));
    }

    String emailKey() {
        return EmailKey.of(participant.email());
    }

    /** Whether a repeated request names the same person with the same data. */
    boolean isFor(Participant other) {
        return EmailKey.of(other.email()).equals(emailKey())
                && other.name().trim().equals(participant.name().trim())
                && Objects.equals(trimmed(other.organisation()), trimmed(participant.organisation()));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
