package de.participation.command.meeting;

import de.participation.events.RegistrationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the Meeting remembers of one registration: enough to answer a retried command exactly as
 * the first time ({@code successors}: whom its cancellation promoted into its seat). Of the person
 * only the keyed hash of their email; {@code erased} once their data was erased.
 */
record Registration(UUID id, String emailHash, RegistrationStatus status, List<UUID> successors, boolean erased) {

    static Registration confirmed(UUID id, String emailHash) {
        return new Registration(id, emailHash, RegistrationStatus.CONFIRMED, List.of(), false);
    }

    static Registration waitlisted(UUID id, String emailHash) {
        return new Registration(id, emailHash, RegistrationStatus.WAITLISTED, List.of(), false);
    }

    Registration asConfirmed() {
        return new Registration(id, emailHash, RegistrationStatus.CONFIRMED, successors, erased);
    }

    Registration asCancelled() {
        return new Registration(id, emailHash, RegistrationStatus.CANCELLED, successors, erased);
    }

    Registration asErased() {
        return new Registration(id, emailHash, status, successors, true);
    }

    /** Records that this registration's freed seat went to {@code successor}. */
    Registration withSuccessor(UUID successor) {
        List<UUID> all = new ArrayList<>(successors);
        all.add(successor);
        return new Registration(id, emailHash, status, List.copyOf(all), erased);
    }
}
