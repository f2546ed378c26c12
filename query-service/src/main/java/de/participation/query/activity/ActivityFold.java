package de.participation.query.activity;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferDeclined;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationStatus;
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitlistedParticipantPromoted;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds a meeting's history into its seat counts over time: one point per event that changes a
 * count (capacity, details, check-in and erasure change none of them). Counts are seats, as in the
 * meeting's summary; an offer declined or expired ends its registration, so it counts as given up.
 */
final class ActivityFold {

    private int confirmed;
    private int waitlisted;
    private int offered;
    private int cancelled;

    private ActivityFold() {
    }

    /** The points of {@code events} (in order of sequence), thinned to at most {@code maxPoints}. */
    static List<ActivityPoint> points(List<MeetingEventEnvelope> events, int maxPoints) {
        ActivityFold fold = new ActivityFold();
        List<ActivityPoint> points = new ArrayList<>();
        for (MeetingEventEnvelope event : events) {
            if (fold.apply(event)) {
                points.add(new ActivityPoint(event.time(), fold.confirmed, fold.waitlisted, fold.offered,
                        fold.cancelled));
            }
        }
        return thinned(points, maxPoints);
    }

    /** Applies the event; returns whether a count changed. */
    private boolean apply(MeetingEventEnvelope event) {
        switch (event.data()) {
            case ParticipantRegistered registered -> confirmed += registered.seats();
            case ParticipantWaitlisted waitlisted -> this.waitlisted += waitlisted.seats();
            case WaitlistedParticipantPromoted promoted -> {
                waitlisted -= promoted.seats();
                confirmed += promoted.seats();
            }
            case OfferMade offer -> {
                waitlisted -= offer.seats();
                offered += offer.seats();
            }
            case OfferAccepted accepted -> {
                offered -= accepted.seats();
                confirmed += accepted.seats();
            }
            case OfferDeclined declined -> giveUp(RegistrationStatus.OFFERED, declined.seats());
            case OfferExpired expired -> giveUp(RegistrationStatus.OFFERED, expired.seats());
            case SeatsGivenBack given -> release(given.status(), given.seatsBefore() - given.seats());
            case RegistrationCancelled cancelledOne -> giveUp(cancelledOne.previousStatus(), cancelledOne.seats());
            default -> {
                return false;
            }
        }
        return true;
    }

    private void giveUp(RegistrationStatus status, int seats) {
        release(status, seats);
        cancelled += seats;
    }

    private void release(RegistrationStatus status, int seats) {
        switch (status) {
            case CONFIRMED -> confirmed -= seats;
            case OFFERED -> offered -= seats;
            case WAITLISTED -> waitlisted -= seats;
            case CANCELLED -> throw new IllegalArgumentException("a cancelled registration holds no seats");
        }
    }

    /**
     * Every n-th point, so that at most {@code maxPoints} remain, always with the last: the chart's
     * right edge is the meeting's state now.
     */
    static List<ActivityPoint> thinned(List<ActivityPoint> points, int maxPoints) {
        if (points.size() <= maxPoints) {
            return points;
        }
        int step = Math.ceilDiv(points.size() - 1, maxPoints - 1);
        List<ActivityPoint> kept = new ArrayList<>(maxPoints);
        for (int i = (points.size() - 1) % step; i < points.size(); i += step) {
            kept.add(points.get(i));
        }
        return kept;
    }
}
