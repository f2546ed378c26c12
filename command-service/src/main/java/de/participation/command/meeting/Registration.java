package de.participation.command.meeting;

import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the Meeting remembers of one registration: enough to answer a retried command exactly as
 * the first time ({@code successors}: whom its cancellation promoted into its seat). The
 * participant only in sealed form; {@code erased} once the key that sealed it is gone.
 */
record Registration(UUID id, SealedParticipant participant, RegistrationStatus status, List<UUID> successors,
                    boolean erased) {

    static Registration confirmed(UUID id, SealedParticipant participant) {
        return new Registration(id, participant, RegistrationStatus.CONFIRMED, List.of(), false);
    }

    static Registration waitlisted(UUID id, SealedParticipant participant) {
        return new Registration(id, participant, RegistrationStatus.WAITLISTED, List.of(), false);
    }

    Registration asConfirmed() {
        return new Registration(id, participant, RegistrationStatus.CONFIRMED, successors, erased);
    }

    Registration asCancelled() {
        return new Registration(id, participant, RegistrationStatus.CANCELLED, successors, erased);
    }

    Registration asErased() {
        return new Registration(id, participant, status, successors, true);
    }

    /** Records that this registration's freed seat went to {@code successor}. */
    Registration withSuccessor(UUID successor) {
        List<UUID> all = new ArrayList<>(successors);
        all.add(successor);
        return new Registration(id, participant, status, List.copyOf(all), erased);
    }

    String emailHash() {
        return participant.emailHash();
    }
}
