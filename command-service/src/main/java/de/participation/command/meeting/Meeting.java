package de.participation.command.meeting;

import de.participation.events.CancellationCause;
import de.participation.events.MeetingCancelled;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.MeetingScheduled;
import de.participation.events.Participant;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationClosed;
import de.participation.events.RegistrationReopened;
import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitlistedParticipantPromoted;
import de.participation.events.WaitlistedParticipantPromoted.PromotionCause;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static de.participation.command.meeting.Rejection.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One meeting and every rule of DOMAIN.md. Command handlers check the rules and apply events;
 * state changes only in the event sourcing handlers. Each command's answer carries the sequence
 * of the last event of this meeting after the command.
 *
 * <p>Invariants kept after every command: confirmed &le; capacity; a free seat and a non-empty
 * waiting list never coexist; the waiting list is first come, first served; one active
 * registration per person; a retried command has no second effect.
 *
 * <p>It holds no personal data: participants arrive sealed by the {@link PersonalDataVault}, and a
 * person is recognised by the keyed hash of their email.
 */
@Aggregate(repository = "meetingRepository")
// The layout of the fields below in snapshots: raise it whenever a field is added, removed, renamed
// or retyped, here or in what the fields hold (MeetingSnapshotLayoutTest fails until it is).
// Snapshots of another revision, or of none (written before revisions were kept), are skipped and
// the meeting is rebuilt from its events.
@Revision("1")
class Meeting {

    @AggregateIdentifier
    private UUID meetingId;
    /** The meeting as first scheduled, to recognise a repeated schedule request. */
    private MeetingScheduled scheduled;
    private int capacity;
    private boolean closedByOrganiser;
    private boolean cancelled;
    private int confirmed;
    /** Every registration ever made, in arrival order. */
    private LinkedHashMap<UUID, Registration> registrations = new LinkedHashMap<>();
    /** Active registrations by the keyed hash of the person's email. */
    private Map<String, UUID> activeByEmail = new HashMap<>();
    /** Waitlisted registrations, first come first. */
    private LinkedHashSet<UUID> waitingList = new LinkedHashSet<>();

    Meeting() {
        // for Axon and for snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ScheduleOutcome handle(ScheduleMeeting command) throws MeetingRuleViolation {
        MeetingScheduled requested = new MeetingScheduled(command.meetingId(), command.title(),
                command.description(), command.location(), command.startsAt(), command.endsAt(),
                command.capacity(), command.registrationOpensAt(), command.registrationClosesAt(),
                command.waitingList(), command.organisation());
        if (scheduled == null) {
            apply(requested);
            return new ScheduleOutcome(command.meetingId(), getVersion(), true);
        }
        if (!scheduled.equals(requested)) {
            throw new MeetingRuleViolation(MEETING_ID_CONFLICT,
                    "Meeting " + meetingId + " was already scheduled with other details");
        }
        return new ScheduleOutcome(meetingId, getVersion(), false);
    }

    @CommandHandler
    CapacityOutcome handle(ChangeCapacity command) throws MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        requireNotCancelled();
        if (command.capacity() < confirmed) {
            throw new MeetingRuleViolation(CAPACITY_BELOW_CONFIRMED, "Capacity " + command.capacity()
                    + " is below the " + confirmed + " confirmed registrations");
        }
        List<UUID> promoted = List.of();
        if (command.capacity() != capacity) {
            apply(new MeetingCapacityChanged(meetingId, capacity, command.capacity()));
            promoted = promoteIntoFreeSeats(PromotionCause.CAPACITY_INCREASE, null);
        }
        return new CapacityOutcome(meetingId, capacity, promoted, getVersion());
    }

    @CommandHandler
    long handle(CloseRegistration command) throws MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        requireNotCancelled();
        if (!closedByOrganiser) {
            apply(new RegistrationClosed(meetingId));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(ReopenRegistration command) throws MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        requireNotCancelled();
        if (closedByOrganiser) {
            apply(new RegistrationReopened(meetingId));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(CancelMeeting command) throws MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        if (!cancelled) {
            // Snapshot the ids first: each RegistrationCancelled changes the collections.
            List<Registration> active = registrations.values().stream()
                    .filter(registration -> registration.status().isActive())
                    .toList();
            apply(new MeetingCancelled(meetingId, command.reason()));
            active.forEach(registration -> apply(new RegistrationCancelled(meetingId, registration.id(),
                    registration.status(), CancellationCause.MEETING_CANCELLED, command.reason())));
        }
        return getVersion();
    }

    @CommandHandler
    RegistrationOutcome handle(RegisterParticipant command, RegistrationIds registrationIds, PersonalDataVault vault)
            throws MeetingRuleViolation {
        String emailHash = vault.emailHash(command.participant().email());
        Registration existing = registrations.get(command.registrationId());
        if (existing != null) {
            return repeatedRegistration(existing, emailHash, command.participant(), vault);
        }
        requireNotCancelled();
        requireRegistrationOpen(GenericEventMessage.clock.instant());
        UUID active = activeByEmail.get(emailHash);
        if (active != null) {
            throw new MeetingRuleViolation(ALREADY_REGISTERED,
                    "This person already holds registration " + active + " for this meeting", active);
        }
        boolean seatFree = confirmed < capacity;
        if (!seatFree) {
            requireRoomOnWaitingList(command.joinWaitingListIfFull());
        }
        claim(command.registrationId(), registrationIds);
        SealedParticipant sealed = new SealedParticipant(emailHash,
                vault.seal(command.registrationId(), meetingId, scheduled.organisation(), command.participant()));
        if (seatFree) {
            apply(new ParticipantRegistered(meetingId, command.registrationId(), sealed));
            return new RegistrationOutcome(command.registrationId(), RegistrationStatus.CONFIRMED, null, getVersion(),
                    true);
        }
        // The newcomer is last: no need to count through the waiting list to find its place.
        int position = waitingList.size() + 1;
        apply(new ParticipantWaitlisted(meetingId, command.registrationId(), sealed, position));
        return new RegistrationOutcome(command.registrationId(), RegistrationStatus.WAITLISTED, position, getVersion(),
                true);
    }

    @CommandHandler
    CancellationOutcome handle(CancelRegistration command) throws MeetingRuleViolation {
        Registration registration = requireRegistration(command.registrationId());
        if (registration.status().isActive()) {
            apply(new RegistrationCancelled(meetingId, registration.id(), registration.status(),
                    CancellationCause.REQUESTED, command.reason()));
            promoteIntoFreeSeats(PromotionCause.CANCELLATION, registration.id());
        }
        return new CancellationOutcome(registration.id(), registrations.get(registration.id()).successors(),
                getVersion());
    }

    /**
     * Erasing deletes the key in this command's transaction, so the key is gone exactly when the
     * event is stored. The registration keeps its status and its place: nothing is counted anew.
     */
    @CommandHandler
    ErasureOutcome handle(EraseParticipantData command, PersonalDataVault vault) throws MeetingRuleViolation {
        if (!command.byOperator()) {
            requireOrganisedBy(command.organisation());
        }
        Registration registration = requireRegistration(command.registrationId());
        if (registration.erased()) {
            return new ErasureOutcome(meetingId, registration.id(), getVersion());
        }
        vault.erase(registration.id());
        apply(new ParticipantDataErased(meetingId, registration.id()));
        return new ErasureOutcome(meetingId, registration.id(), getVersion());
    }

    /**
     * A retry must name the same person with the same data. After erasure only the email's hash is
     * left to compare.
     */
    private RegistrationOutcome repeatedRegistration(Registration existing, String emailHash, Participant participant,
                                                     PersonalDataVault vault) throws MeetingRuleViolation {
        boolean same = existing.emailHash().equals(emailHash)
                && (existing.erased() || vault.sameNameAndOrganisation(existing.id(), participant));
        if (!same) {
            throw new MeetingRuleViolation(REGISTRATION_ID_CONFLICT,
                    "Registration " + existing.id() + " exists with other participant data", existing.id());
        }
        return outcomeOfRepeated(existing);
    }

    private Registration requireRegistration(UUID registrationId) throws MeetingRuleViolation {
        Registration registration = registrations.get(registrationId);
        if (registration == null) {
            throw new MeetingRuleViolation(REGISTRATION_NOT_FOUND,
                    "Meeting " + meetingId + " has no registration " + registrationId, registrationId);
        }
        return registration;
    }

    private RegistrationOutcome outcomeOfRepeated(Registration registration) {
        Integer position = registration.status() == RegistrationStatus.WAITLISTED
                ? positionOnWaitingList(registration.id())
                : null;
        return new RegistrationOutcome(registration.id(), registration.status(), position, getVersion(), false);
    }

    private int positionOnWaitingList(UUID registrationId) {
        int position = 1;
        for (UUID waiting : waitingList) {
            if (waiting.equals(registrationId)) {
                return position;
            }
            position++;
        }
        throw new IllegalStateException("Registration " + registrationId + " is not on the waiting list");
    }

    /** Fills free seats from the head of the waiting list, in order; returns whom it promoted. */
    private List<UUID> promoteIntoFreeSeats(PromotionCause cause, UUID vacatedBy) {
        List<UUID> promoted = new ArrayList<>();
        while (confirmed < capacity && !waitingList.isEmpty()) {
            UUID head = waitingList.getFirst();
            apply(new WaitlistedParticipantPromoted(meetingId, head, cause, vacatedBy));
            promoted.add(head);
        }
        return promoted;
    }

    /** Last check before the registration is written: the claim commits only together with it. */
    private void claim(UUID registrationId, RegistrationIds registrationIds) throws MeetingRuleViolation {
        UUID owner = registrationIds.claim(registrationId, meetingId);
        if (!owner.equals(meetingId)) {
            throw new MeetingRuleViolation(REGISTRATION_ID_CONFLICT,
                    "Registration id " + registrationId + " belongs to another meeting", registrationId);
        }
    }

    private void requireRoomOnWaitingList(boolean callerAgrees) throws MeetingRuleViolation {
        WaitingListPolicy policy = scheduled.waitingList();
        if (!callerAgrees || !policy.enabled()) {
            throw new MeetingRuleViolation(MEETING_FULL, "All " + capacity + " seats are taken");
        }
        if (policy.limit() != 0 && waitingList.size() >= policy.limit()) {
            throw new MeetingRuleViolation(WAITING_LIST_FULL,
                    "All seats are taken and the waiting list is full (" + waitingList.size() + ")");
        }
    }

    /** Only the organisation that scheduled a meeting may run it. */
    private void requireOrganisedBy(String organisation) throws MeetingRuleViolation {
        if (scheduled.organisation() == null || !scheduled.organisation().equals(organisation)) {
            throw new MeetingRuleViolation(NOT_ORGANISER,
                    "Meeting " + meetingId + " is organised by another organisation");
        }
    }

    private void requireNotCancelled() throws MeetingRuleViolation {
        if (cancelled) {
            throw new MeetingRuleViolation(MEETING_CANCELLED, "Meeting " + meetingId + " was cancelled");
        }
    }

    private void requireRegistrationOpen(Instant now) throws MeetingRuleViolation {
        Instant opensAt = scheduled.registrationOpensAt();
        if (opensAt != null && now.isBefore(opensAt)) {
            throw new MeetingRuleViolation(REGISTRATION_NOT_OPEN, "Registration opens at " + opensAt);
        }
        Instant closesAt = scheduled.registrationClosesAt();
        if (closesAt != null && !now.isBefore(closesAt)) {
            throw new MeetingRuleViolation(REGISTRATION_CLOSED, "Registration closed at " + closesAt);
        }
        if (!now.isBefore(scheduled.startsAt())) {
            throw new MeetingRuleViolation(REGISTRATION_CLOSED,
                    "Registration closed when the meeting started at " + scheduled.startsAt());
        }
        if (closedByOrganiser) {
            throw new MeetingRuleViolation(REGISTRATION_CLOSED, "The organiser closed registration");
        }
    }

    @EventSourcingHandler
    void on(MeetingScheduled event) {
        meetingId = event.meetingId();
        scheduled = event;
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(MeetingCapacityChanged event) {
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(RegistrationClosed event) {
        closedByOrganiser = true;
    }

    @EventSourcingHandler
    void on(RegistrationReopened event) {
        closedByOrganiser = false;
    }

    @EventSourcingHandler
    void on(MeetingCancelled event) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(ParticipantRegistered event) {
        add(Registration.confirmed(event.registrationId(), event.participant().emailHash()));
        confirmed++;
    }

    @EventSourcingHandler
    void on(ParticipantWaitlisted event) {
        add(Registration.waitlisted(event.registrationId(), event.participant().emailHash()));
        waitingList.add(event.registrationId());
    }

    @EventSourcingHandler
    void on(WaitlistedParticipantPromoted event) {
        waitingList.remove(event.registrationId());
        registrations.computeIfPresent(event.registrationId(), (id, registration) -> registration.asConfirmed());
        if (event.vacatedBy() != null) {
            registrations.computeIfPresent(event.vacatedBy(), (id, vacating) -> vacating.withSuccessor(event.registrationId()));
        }
        confirmed++;
    }

    @EventSourcingHandler
    void on(RegistrationCancelled event) {
        Registration registration = registrations.get(event.registrationId());
        if (registration.status() == RegistrationStatus.CONFIRMED) {
            confirmed--;
        } else {
            waitingList.remove(registration.id());
        }
        activeByEmail.remove(registration.emailHash());
        registrations.put(registration.id(), registration.asCancelled());
    }

    @EventSourcingHandler
    void on(ParticipantDataErased event) {
        registrations.computeIfPresent(event.registrationId(), (id, registration) -> registration.asErased());
    }

    private void add(Registration registration) {
        registrations.put(registration.id(), registration);
        activeByEmail.put(registration.emailHash(), registration.id());
    }
}
