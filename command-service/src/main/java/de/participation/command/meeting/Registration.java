package de.participation.command.meeting;

import de.participation.events.RegistrationStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the Meeting remembers of one registration: its {@code seats}, the deadline of its open offer
 * ({@code offerDeadline}, while {@code OFFERED}), how an offer it had ended ({@code offerEnd}), and
 * enough to answer a retried command exactly as the first time ({@code movedUp}: who moved up into
 * the seats it freed). Of the person only the keyed hash of their email; {@code erased} once their
 * data was erased.
 */
record Registration(UUID id, String emailHash, RegistrationStatus status, int seats, Instant offerDeadline,
                    OfferEnd offerEnd, MovedUp movedUp, boolean erased) {

    /** How an offer ended, if it did. */
    enum OfferEnd { ACCEPTED, DECLINED, EXPIRED }

    static Registration confirmed(UUID id, String emailHash, int seats) {
        return new Registration(id, emailHash, RegistrationStatus.CONFIRMED, seats, null, null, MovedUp.NOBODY, false);
    }

    static Registration waitlisted(UUID id, String emailHash, int seats) {
        return new Registration(id, emailHash, RegistrationStatus.WAITLISTED, seats, null, null, MovedUp.NOBODY, false);
    }

    Registration asConfirmed() {
        return new Registration(id, emailHash, RegistrationStatus.CONFIRMED, seats, null, offerEnd, movedUp, erased);
    }

    Registration asOffered(Instant deadline) {
        return new Registration(id, emailHash, RegistrationStatus.OFFERED, seats, deadline, null, movedUp, erased);
    }

    Registration withOfferEnded(OfferEnd end) {
        RegistrationStatus after = end == OfferEnd.ACCEPTED ? RegistrationStatus.CONFIRMED : RegistrationStatus.CANCELLED;
        return new Registration(id, emailHash, after, seats, null, end, movedUp, erased);
    }

    Registration asCancelled() {
        return new Registration(id, emailHash, RegistrationStatus.CANCELLED, seats, null, offerEnd, movedUp, erased);
    }

    Registration withSeats(int fewer) {
        return new Registration(id, emailHash, status, fewer, offerDeadline, offerEnd, movedUp, erased);
    }

    Registration asErased() {
        return new Registration(id, emailHash, status, seats, offerDeadline, offerEnd, movedUp, true);
    }

    /** Records that {@code successor} moved up into seats this registration freed. */
    Registration withSuccessor(UUID successor, boolean offered) {
        List<UUID> promoted = new ArrayList<>(movedUp.promoted());
        List<UUID> offers = new ArrayList<>(movedUp.offered());
        (offered ? offers : promoted).add(successor);
        return new Registration(id, emailHash, status, seats, offerDeadline, offerEnd, new MovedUp(promoted, offers),
                erased);
    }
}
