package de.participation.query.projection;

import de.participation.events.AttendanceRecorded;
import de.participation.events.AttendanceWithdrawn;
import de.participation.events.MeetingCancelled;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingScheduled;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferDeclined;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationClosed;
import de.participation.events.RegistrationEvent;
import de.participation.events.RegistrationReopened;
import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitlistedParticipantPromoted;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Folds events into the read models held in memory for one batch. Idempotent per document: each
 * model records the sequence of the last event of its meeting applied to it and ignores anything
 * not newer, so a redelivered event, a replay from offset 0, or the second half of a batch that
 * crashed between two writes leaves every model exactly as if each event had arrived once.
 * Events of one meeting arrive in order (one partition per meeting), which this relies on: an
 * event that cannot be applied is rejected before it changes anything, and the meeting's later
 * events in the batch are held behind it, never applied out of order.
 */
public final class MeetingProjector {

    /** An event that cannot be applied, and why: its meeting is parked from this event on. */
    public record Rejected(MeetingEventEnvelope envelope, String reason) {
    }

    /**
     * The models a batch changed (to be written), the events it could not apply, and the events
     * held behind them (later events of the same meetings, not applied).
     */
    public record Outcome(Set<MeetingReadModel> meetings, Set<RegistrationReadModel> registrations,
                          Set<ArrivalDocument> arrivalOrder, List<Rejected> rejected, List<MeetingEventEnvelope> held) {

        static final Outcome NOTHING = rejecting(List.of());

        static Outcome rejecting(List<Rejected> rejected) {
            return new Outcome(Set.of(), Set.of(), Set.of(), rejected, List.of());
        }

        static Outcome holding(MeetingEventEnvelope event) {
            return new Outcome(Set.of(), Set.of(), Set.of(), List.of(), List.of(event));
        }

        /** Both outcomes, as of one batch. */
        Outcome and(Outcome other) {
            return new Outcome(union(meetings, other.meetings), union(registrations, other.registrations),
                    union(arrivalOrder, other.arrivalOrder), union(rejected, other.rejected), union(held, other.held));
        }

        private static <T> Set<T> union(Set<T> some, Set<T> more) {
            Set<T> all = new LinkedHashSet<>(some);
            all.addAll(more);
            return all;
        }

        private static <T> List<T> union(List<T> some, List<T> more) {
            List<T> all = new ArrayList<>(some);
            all.addAll(more);
            return all;
        }
    }

    private final Map<UUID, MeetingReadModel> meetings;
    private final Map<UUID, RegistrationReadModel> registrations;
    private final Map<String, ArrivalDocument> arrivalOrder;
    private final Set<MeetingReadModel> changedMeetings = new LinkedHashSet<>();
    private final Set<RegistrationReadModel> changedRegistrations = new LinkedHashSet<>();
    private final Set<ArrivalDocument> changedArrivalOrder = new LinkedHashSet<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final List<MeetingEventEnvelope> held = new ArrayList<>();
    /** Meetings with an event rejected in this batch: their later events are held. */
    private final Set<UUID> parked = new HashSet<>();

    /**
     * @param meetings      the current models of the batch's meetings, by id (missing: not yet known)
     * @param registrations the current models of the batch's registrations, by id
     * @param arrivalOrder  the current arrival indexes of the batch's meetings and the chunks its
     *                      registrations have or will take, by {@code _id} (missing: not yet written)
     */
    public MeetingProjector(Map<UUID, MeetingReadModel> meetings, Map<UUID, RegistrationReadModel> registrations,
                            Map<String, ArrivalDocument> arrivalOrder) {
        this.meetings = meetings;
        this.registrations = registrations;
        this.arrivalOrder = arrivalOrder;
    }

    public Outcome project(List<MeetingEventEnvelope> events) {
        events.forEach(this::apply);
        return new Outcome(changedMeetings, changedRegistrations, changedArrivalOrder, rejected, held);
    }

    private void apply(MeetingEventEnvelope envelope) {
        MeetingEvent event = envelope.data();
        MeetingReadModel meeting = meetings.get(event.meetingId());
        if (parked.contains(event.meetingId())) {
            held.add(envelope);
            return;
        }
        if (meeting == null && !(event instanceof MeetingScheduled)) {
            reject(envelope, "event " + envelope.sequence() + " of unknown meeting " + event.meetingId());
            return;
        }
        if (event instanceof RegistrationEvent change && !(event instanceof ParticipantRegistered)
                && !(event instanceof ParticipantWaitlisted) && !registrations.containsKey(change.registrationId())) {
            reject(envelope, "event " + envelope.sequence() + " of unknown registration " + change.registrationId());
            return;
        }
        if (meeting == null || envelope.sequence() > meeting.sequence) {
            applyToMeeting(meeting, envelope);
        }
        applyToRegistration(envelope);
        applyToArrivalOrder(envelope);
    }

    private void reject(MeetingEventEnvelope envelope, String reason) {
        rejected.add(new Rejected(envelope, reason));
        parked.add(envelope.data().meetingId());
    }

    private void applyToMeeting(MeetingReadModel current, MeetingEventEnvelope envelope) {
        MeetingReadModel meeting = current != null ? current : new MeetingReadModel();
        switch (envelope.data()) {
            case MeetingScheduled scheduled -> schedule(meeting, scheduled);
            case MeetingDetailsChanged changed -> changeDetails(meeting, changed);
            case MeetingCapacityChanged changed -> meeting.capacity = changed.capacity();
            case RegistrationClosed closed -> meeting.closedByOrganiser = true;
            case RegistrationReopened reopened -> meeting.closedByOrganiser = false;
            case MeetingCancelled cancelled -> meeting.status = MeetingReadModel.CANCELLED;
            case ParticipantRegistered registered -> {
                meeting.confirmed += registered.seats();
                recordChange(meeting, envelope, registered.registrationId(), "REGISTERED");
            }
            case ParticipantWaitlisted waitlisted -> {
                meeting.waitlisted += waitlisted.seats();
                recordChange(meeting, envelope, waitlisted.registrationId(), "WAITLISTED");
            }
            case WaitlistedParticipantPromoted promoted -> {
                meeting.waitlisted -= promoted.seats();
                meeting.confirmed += promoted.seats();
                recordChange(meeting, envelope, promoted.registrationId(), "PROMOTED");
            }
            case OfferMade offer -> {
                meeting.waitlisted -= offer.seats();
                meeting.offered += offer.seats();
                recordChange(meeting, envelope, offer.registrationId(), "OFFERED");
            }
            case OfferAccepted accepted -> {
                meeting.offered -= accepted.seats();
                meeting.confirmed += accepted.seats();
                recordChange(meeting, envelope, accepted.registrationId(), "OFFER_ACCEPTED");
            }
            case OfferDeclined declined -> {
                meeting.offered -= declined.seats();
                recordChange(meeting, envelope, declined.registrationId(), "OFFER_DECLINED");
            }
            case OfferExpired expired -> {
                meeting.offered -= expired.seats();
                recordChange(meeting, envelope, expired.registrationId(), "OFFER_EXPIRED");
            }
            case SeatsGivenBack given -> {
                giveBack(meeting, given.status(), given.seatsBefore() - given.seats());
                if (registrations.get(given.registrationId()) instanceof RegistrationReadModel present
                        && present.checkedInAt != null) {
                    meeting.checkedIn -= given.seatsBefore() - given.seats();
                }
                recordChange(meeting, envelope, given.registrationId(), "SEATS_GIVEN_BACK");
            }
            case AttendanceRecorded recorded -> {
                meeting.checkedIn += recorded.seats();
                recordChange(meeting, envelope, recorded.registrationId(), "CHECKED_IN");
            }
            case AttendanceWithdrawn withdrawn -> {
                meeting.checkedIn -= withdrawn.seats();
                recordChange(meeting, envelope, withdrawn.registrationId(), "CHECK_IN_UNDONE");
            }
            case RegistrationCancelled cancelled -> {
                giveBack(meeting, cancelled.previousStatus(), cancelled.seats());
                recordChange(meeting, envelope, cancelled.registrationId(), "CANCELLED");
            }
            case ParticipantDataErased erased -> {
                // counts and order stay as they are
            }
        }
        meeting.sequence = envelope.sequence();
        meeting.updatedAt = envelope.time();
        meetings.put(meeting.meetingId, meeting);
        changedMeetings.add(meeting);
    }

    private static void recordChange(MeetingReadModel meeting, MeetingEventEnvelope envelope, UUID registrationId,
                                     String change) {
        meeting.recordChange(new RecentChange(registrationId, change, envelope.time(), envelope.sequence()));
    }

    /** {@code seats} held or asked for with {@code status} are given up. */
    private static void giveBack(MeetingReadModel meeting, RegistrationStatus status, int seats) {
        switch (status) {
            case CONFIRMED -> meeting.confirmed -= seats;
            case OFFERED -> meeting.offered -= seats;
            case WAITLISTED -> meeting.waitlisted -= seats;
            case CANCELLED -> throw new IllegalArgumentException("a cancelled registration holds no seats");
        }
    }

    private static void changeDetails(MeetingReadModel meeting, MeetingDetailsChanged changed) {
        meeting.title = changed.title();
        meeting.description = changed.description();
        meeting.location = changed.location();
        meeting.startChanged |= !changed.startsAt().equals(meeting.startsAt);
        meeting.startsAt = changed.startsAt();
        meeting.endsAt = changed.endsAt();
        meeting.registrationOpensAt = changed.registrationOpensAt();
        meeting.registrationClosesAt = changed.registrationClosesAt();
        meeting.detailsChanges++;
    }

    private static void schedule(MeetingReadModel meeting, MeetingScheduled scheduled) {
        meeting.meetingId = scheduled.meetingId();
        meeting.organisation = scheduled.organisation();
        meeting.title = scheduled.title();
        meeting.description = scheduled.description();
        meeting.location = scheduled.location();
        meeting.startsAt = scheduled.startsAt();
        meeting.startChanged = true;
        meeting.endsAt = scheduled.endsAt();
        meeting.capacity = scheduled.capacity();
        meeting.registrationOpensAt = scheduled.registrationOpensAt();
        meeting.registrationClosesAt = scheduled.registrationClosesAt();
        meeting.waitingListEnabled = scheduled.waitingList().enabled();
        meeting.waitingListLimit = scheduled.waitingList().limit();
        meeting.promotion = scheduled.waitingList().promotion().name();
        meeting.offerHours = scheduled.waitingList().offerHours();
        meeting.groupPolicy = scheduled.waitingList().groupPolicy().name();
        meeting.retentionDays = scheduled.retentionDays();
    }

    private void applyToRegistration(MeetingEventEnvelope envelope) {
        switch (envelope.data()) {
            case ParticipantRegistered registered -> arrive(envelope, registered.registrationId(),
                    registered.participant(), RegistrationStatus.CONFIRMED, registered.seats());
            case ParticipantWaitlisted waitlisted -> arrive(envelope, waitlisted.registrationId(),
                    waitlisted.participant(), RegistrationStatus.WAITLISTED, waitlisted.seats());
            case WaitlistedParticipantPromoted promoted -> change(envelope, promoted.registrationId(),
                    registration -> registration.status = RegistrationStatus.CONFIRMED.name());
            case OfferMade offer -> change(envelope, offer.registrationId(), registration -> {
                registration.status = RegistrationStatus.OFFERED.name();
                registration.offerExpiresAt = offer.expiresAt();
            });
            case OfferAccepted accepted -> change(envelope, accepted.registrationId(), registration -> {
                registration.status = RegistrationStatus.CONFIRMED.name();
                registration.offerExpiresAt = null;
            });
            case OfferDeclined declined -> change(envelope, declined.registrationId(), MeetingProjector::endOffer);
            case OfferExpired expired -> change(envelope, expired.registrationId(), MeetingProjector::endOffer);
            case SeatsGivenBack given -> change(envelope, given.registrationId(),
                    registration -> registration.seats = given.seats());
            case AttendanceRecorded recorded -> change(envelope, recorded.registrationId(),
                    registration -> registration.checkedInAt = recorded.checkedInAt());
            case AttendanceWithdrawn withdrawn -> change(envelope, withdrawn.registrationId(),
                    registration -> registration.checkedInAt = null);
            case RegistrationCancelled cancelled -> change(envelope, cancelled.registrationId(),
                    registration -> registration.status = RegistrationStatus.CANCELLED.name());
            case ParticipantDataErased erased -> change(envelope, erased.registrationId(), registration -> {
                // not even the ciphertext is kept: nobody can open it any more
                registration.sealedParticipant = null;
                registration.personalDataErased = true;
            });
            default -> {
                // meeting-level events touch no registration
            }
        }
    }

    private static void endOffer(RegistrationReadModel registration) {
        registration.status = RegistrationStatus.CANCELLED.name();
        registration.offerExpiresAt = null;
    }

    private void arrive(MeetingEventEnvelope envelope, UUID registrationId, SealedParticipant participant,
                        RegistrationStatus status, int seats) {
        RegistrationReadModel known = registrations.get(registrationId);
        if (known != null) {
            backfillSealed(known, participant);
            return;
        }
        RegistrationReadModel registration = new RegistrationReadModel();
        registration.registrationId = registrationId;
        registration.meetingId = envelope.data().meetingId();
        registration.sealedParticipant = participant.ciphertext();
        registration.registeredAt = envelope.time();
        registration.status = status.name();
        registration.seats = seats;
        registration.arrival = index(registration.meetingId).arrivals();
        applied(registration, envelope);
    }

    /**
     * A registration projected before sealing lost its participant in clear at start-up
     * ({@link ReadModelStore}); the republished history brings its arrival again, sealed, and only
     * the sealed participant is taken from it (everything else was applied already).
     */
    private void backfillSealed(RegistrationReadModel registration, SealedParticipant participant) {
        if (registration.sealedParticipant == null && !registration.personalDataErased) {
            registration.sealedParticipant = participant.ciphertext();
            changedRegistrations.add(registration);
        }
    }

    private void change(MeetingEventEnvelope envelope, UUID registrationId, Consumer<RegistrationReadModel> change) {
        RegistrationReadModel registration = registrations.get(registrationId);
        if (registration != null && envelope.sequence() > registration.sequence) { // unknown ones are rejected up front
            change.accept(registration);
            applied(registration, envelope);
        }
    }

    private void applied(RegistrationReadModel registration, MeetingEventEnvelope envelope) {
        registration.updatedAt = envelope.time();
        registration.sequence = envelope.sequence();
        registration.eventSequences.add(envelope.sequence());
        registrations.put(registration.registrationId, registration);
        changedRegistrations.add(registration);
    }

    /** Keeps the registration's place and status in its meeting's arrival order. */
    private void applyToArrivalOrder(MeetingEventEnvelope envelope) {
        if (!(envelope.data() instanceof RegistrationEvent event)
                || !(registrations.get(event.registrationId()) instanceof RegistrationReadModel registration)) {
            return; // a meeting-level event, or one rejected above
        }
        int arrival = registration.arrival;
        ArrivalIndex index = index(event.meetingId());
        ArrivalChunk chunk = (ArrivalChunk) arrivalOrder.computeIfAbsent(
                ArrivalChunk.idOf(event.meetingId(), ArrivalChunk.numberOf(arrival)),
                id -> new ArrivalChunk(event.meetingId(), ArrivalChunk.numberOf(arrival)));
        switch (event) {
            case ParticipantRegistered registered -> {
                if (isNew(chunk, envelope)) {
                    chunk.arrived(arrival, registered.registrationId(), RegistrationStatus.CONFIRMED);
                }
                if (isNew(index, envelope)) {
                    index.arrived(arrival, RegistrationStatus.CONFIRMED);
                }
            }
            case ParticipantWaitlisted waitlisted -> {
                if (isNew(chunk, envelope)) {
                    chunk.arrived(arrival, waitlisted.registrationId(), RegistrationStatus.WAITLISTED);
                }
                if (isNew(index, envelope)) {
                    index.arrived(arrival, RegistrationStatus.WAITLISTED);
                }
            }
            case WaitlistedParticipantPromoted promoted ->
                    changeStatus(envelope, index, chunk, arrival, RegistrationStatus.WAITLISTED, RegistrationStatus.CONFIRMED);
            case OfferMade offer ->
                    changeStatus(envelope, index, chunk, arrival, RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED);
            case OfferAccepted accepted ->
                    changeStatus(envelope, index, chunk, arrival, RegistrationStatus.OFFERED, RegistrationStatus.CONFIRMED);
            case OfferDeclined declined ->
                    changeStatus(envelope, index, chunk, arrival, RegistrationStatus.OFFERED, RegistrationStatus.CANCELLED);
            case OfferExpired expired ->
                    changeStatus(envelope, index, chunk, arrival, RegistrationStatus.OFFERED, RegistrationStatus.CANCELLED);
            case RegistrationCancelled cancelled ->
                    changeStatus(envelope, index, chunk, arrival, cancelled.previousStatus(), RegistrationStatus.CANCELLED);
            case ParticipantDataErased erased -> {
                // place and status stay
            }
            case SeatsGivenBack given -> {
                // place and status stay; the arrival order counts registrations, not seats
            }
            case AttendanceRecorded recorded -> {
                // place and status stay
            }
            case AttendanceWithdrawn withdrawn -> {
                // place and status stay
            }
        }
    }

    private void changeStatus(MeetingEventEnvelope envelope, ArrivalIndex index, ArrivalChunk chunk, int arrival,
                              RegistrationStatus from, RegistrationStatus to) {
        if (isNew(chunk, envelope)) {
            chunk.changed(arrival, to);
        }
        if (isNew(index, envelope)) {
            index.changed(arrival, from, to);
        }
    }

    /**
     * Whether the event is newer than the document; if so, the document counts as changed by it.
     * The chunk and the index are checked each on its own, as a crash may have written one of them.
     */
    private boolean isNew(ArrivalDocument document, MeetingEventEnvelope envelope) {
        if (envelope.sequence() <= document.sequence()) {
            return false;
        }
        document.applied(envelope.sequence());
        changedArrivalOrder.add(document);
        return true;
    }

    private ArrivalIndex index(UUID meetingId) {
        return (ArrivalIndex) arrivalOrder.computeIfAbsent(ArrivalIndex.idOf(meetingId), id -> new ArrivalIndex(meetingId));
    }
}
