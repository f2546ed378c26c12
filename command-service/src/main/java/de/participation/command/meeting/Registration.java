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
 * the seats it freed), and when it was checked in at the door ({@code checkedInAt}). Nothing of the
 * person; {@code erased} once their data was erased.
 */
record Registration(UUID id, RegistrationStatus status, int seats, Instant offerDeadline,
                    OfferEnd offerEnd, MovedUp movedUp, boolean erased, Instant checkedInAt) {

    /** How an offer ended, if it did. */
    enum OfferEnd { ACCEPTED, DECLINED, EXPIRED }

    static Registration confirmed(UUID id, int seats) {
        return arrived(id, RegistrationStatus.CONFIRMED, seats);
    }

    static Registration waitlisted(UUID id, int seats) {
        return arrived(id, RegistrationStatus.WAITLISTED, seats);
    }

    private static Registration arrived(UUID id, RegistrationStatus status, int seats) {
        return new Registration(id, status, seats, null, null, MovedUp.NOBODY, false, null);
    }

    Registration asConfirmed() {
        return with(RegistrationStatus.CONFIRMED, seats, null, offerEnd);
    }

    Registration asOffered(Instant deadline) {
        return with(RegistrationStatus.OFFERED, seats, deadline, null);
    }

    Registration withOfferEnded(OfferEnd end) {
        return with(end == OfferEnd.ACCEPTED ? RegistrationStatus.CONFIRMED : RegistrationStatus.CANCELLED, seats,
                null, end);
    }

    Registration asCancelled() {
        return with(RegistrationStatus.CANCELLED, seats, null, offerEnd);
    }

    Registration withSeats(int fewer) {
        return with(status, fewer, offerDeadline, offerEnd);
    }

    Registration asErased() {
        return new Registration(id, status, seats, offerDeadline, offerEnd, movedUp, true, checkedInAt);
    }

    /** Checked in at {@code at}, or no longer when null. */
    Registration checkedIn(Instant at) {
        return new Registration(id, status, seats, offerDeadline, offerEnd, movedUp, erased, at);
    }

    /** Records that {@code successor} moved up into seats this registration freed. */
    Registration withSuccessor(UUID successor, boolean offered) {
        List<UUID> promoted = new ArrayList<>(movedUp.promoted());
        List<UUID> offers = new ArrayList<>(movedUp.offered());
        (offered ? offers : promoted).add(successor);
        return new Registration(id, status, seats, offerDeadline, offerEnd, new MovedUp(promoted, offers),
                erased, checkedInAt);
    }

    private Registration with(RegistrationStatus newStatus, int newSeats, Instant deadline, OfferEnd end) {
        return new Registration(id, newStatus, newSeats, deadline, end, movedUp, erased, checkedInAt);
    }
}
