package de.participation.command.meeting;

import de.participation.command.meeting.Registration.OfferEnd;
import de.participation.events.AttendanceRecorded;
import de.participation.events.AttendanceWithdrawn;
import de.participation.events.CancellationCause;
import de.participation.events.MeetingCancelled;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.ErasureCause;
import de.participation.events.MeetingScheduled;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferDeclined;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.Participant;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationClosed;
import de.participation.events.RegistrationReopened;
import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitingListPolicy.GroupPolicy;
import de.participation.events.WaitingListPolicy.Promotion;
import de.participation.events.WaitlistedParticipantPromoted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static de.participation.command.meeting.Rejection.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One meeting and every rule of DOMAIN.md, version 2 included. Command handlers check the rules and
 * apply events; state changes only in the event sourcing handlers. Each command's answer carries
 * the sequence of the last event of this meeting after the command.
 *
 * <p>Seats are counted, not registrations: a registration holds 1 to 10. Invariants kept after
 * every command: confirmed + offered &le; capacity; a free seat never coexists with a waiting entry
 * that fits into it ({@code FILL_GAPS}) or with a head that fits ({@code STRICT_ORDER}), except that
 * no offer is made from the meeting's start on; the waiting list keeps its arrival order; one
 * active registration per person; a retried command has no second effect.
 *
 * <p>It holds nothing of the person that lasts: participants arrive sealed by the
 * {@link PersonalDataVault}, and a person is recognised by the hash of their email within the
 * meeting, which the vault keeps beside the key and the Meeting only in memory ({@link EmailIndex}),
 * for as long as their data is not erased.
 */
@Aggregate(repository = "meetingRepository")
// The layout of the fields below in snapshots: raise it whenever a field is added, removed, renamed
// or retyped, here or in what the fields hold (MeetingSnapshotLayoutTest fails until it is).
// Snapshots of another revision, or of none (written before revisions were kept), are skipped and
// the meeting is rebuilt from its events.
@Revision("5")
class Meeting {

    @AggregateIdentifier
    private UUID meetingId;
    /** The meeting as first scheduled, to recognise a repeated schedule request. */
    private MeetingScheduled scheduled;
    /** The details as they are now (the scheduled ones, changed since). */
    private MeetingDetailsChanged details;
    private int capacity;
    private boolean closedByOrganiser;
    private boolean cancelled;
    private int confirmedSeats;
    private int offeredSeats;
    /** Every registration ever made, in arrival order. */
    private LinkedHashMap<UUID, Registration> registrations = new LinkedHashMap<>();
    /** Who holds which registration, by their email's hash: in memory only, from the vault. */
    private final transient EmailIndex emailIndex = new EmailIndex();
    /** Waitlisted registrations, first come first. */
    private LinkedHashSet<UUID> waitingList = new LinkedHashSet<>();

    Meeting() {
        // for Axon and for snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ScheduleOutcome handle(ScheduleMeeting command, RetentionDeadlines retention) throws InconsistentTimes,
            MeetingRuleViolation {
        MeetingScheduled requested = new MeetingScheduled(command.meetingId(), command.title(),
                command.description(), command.location(), command.startsAt(), command.endsAt(),
                command.capacity(), command.registrationOpensAt(), command.registrationClosesAt(),
                command.waitingList(), command.organisation(), command.retentionDays());
        if (scheduled == null) {
            requireConsistent(new MeetingTimes(command.startsAt(), command.endsAt(), command.registrationOpensAt(),
                    command.registrationClosesAt()));
            apply(requested);
            retention.eraseAt(meetingId, retentionEndsAt());
            return new ScheduleOutcome(command.meetingId(), getVersion(), true);
        }
        if (!scheduled.equals(requested)) {
            throw new MeetingRuleViolation(MEETING_ID_CONFLICT,
                    "Meeting " + meetingId + " was already scheduled with other details");
        }
        return new ScheduleOutcome(meetingId, getVersion(), false);
    }

    @CommandHandler
    CapacityOutcome handle(ChangeCapacity command, OfferDeadlines deadlines) throws MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        requireNotCancelled();
        if (command.capacity() < confirmedSeats + offeredSeats) {
            throw new MeetingRuleViolation(CAPACITY_BELOW_CONFIRMED, "Capacity " + command.capacity()
                    + " is below the " + confirmedSeats + " confirmed and " + offeredSeats + " offered seats");
        }
        MovedUp movedUp = MovedUp.NOBODY;
        if (command.capacity() != capacity) {
            apply(new MeetingCapacityChanged(meetingId, capacity, command.capacity()));
            movedUp = moveUpIntoFreeSeats(PromotionCause.CAPACITY_INCREASE, null, deadlines);
        }
        return new CapacityOutcome(meetingId, capacity, movedUp, getVersion());
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
                    registration.status(), CancellationCause.MEETING_CANCELLED, command.reason(), registration.seats())));
        }
        return getVersion();
    }

    /**
     * The registration window follows the new times at once; offers open beyond a new, earlier
     * start expire at the start, and seats that stayed free after the old start are offered again
     * when the start moves later.
     */
    @CommandHandler
    DetailsOutcome handle(ChangeDetails command, OfferDeadlines deadlines, RetentionDeadlines retention)
            throws InconsistentTimes, MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        requireNotCancelled();
        MeetingDetailsChanged next = new MeetingDetailsChanged(meetingId, or(command.title(), details.title()),
                or(command.description(), details.description()), or(command.location(), details.location()),
                or(command.startsAt(), details.startsAt()), or(command.endsAt(), details.endsAt()),
                or(command.registrationOpensAt(), details.registrationOpensAt()),
                or(command.registrationClosesAt(), details.registrationClosesAt()), List.of());
        requireConsistent(new MeetingTimes(next.startsAt(), next.endsAt(), next.registrationOpensAt(),
                next.registrationClosesAt()));
        List<String> changed = changedFields(details, next);
        MovedUp movedUp = MovedUp.NOBODY;
        if (!changed.isEmpty()) {
            apply(new MeetingDetailsChanged(meetingId, next.title(), next.description(), next.location(),
                    next.startsAt(), next.endsAt(), next.registrationOpensAt(), next.registrationClosesAt(), changed));
            for (Registration registration : registrations.values()) {
                if (registration.status() == RegistrationStatus.OFFERED
                        && registration.offerDeadline().isAfter(details.startsAt())) {
                    deadlines.expireAt(meetingId, registration.id(), details.startsAt());
                }
            }
            movedUp = moveUpIntoFreeSeats(PromotionCause.START_MOVED, null, deadlines);
            if (changed.contains("startsAt") || changed.contains("endsAt")) {
                retention.eraseAt(meetingId, retentionEndsAt());
            }
        }
        return new DetailsOutcome(meetingId, changed, movedUp, getVersion());
    }

    @CommandHandler
    RegistrationOutcome handle(RegisterParticipant command, RegistrationIds registrationIds, PersonalDataVault vault)
            throws MeetingRuleViolation {
        Registration existing = registrations.get(command.registrationId());
        if (existing != null) {
            return repeatedRegistration(existing, command.participant(), vault);
        }
        requireNotCancelled();
        requireRegistrationOpen(now());
        String emailHash = vault.emailHash(meetingId, command.participant().email());
        Optional<UUID> active = activeRegistrationOf(emailHash, vault);
        if (active.isPresent()) {
            throw new MeetingRuleViolation(ALREADY_REGISTERED,
                    "This person already holds registration " + active.get() + " for this meeting", active.get());
        }
        // Nobody waiting fits into the free seats (the invariant): under FILL_GAPS a newcomer that
        // fits takes them and passes everyone waiting, under STRICT_ORDER it queues behind them.
        boolean seated = command.seats() <= freeSeats()
                && (waitingList.isEmpty() || groupPolicy() == GroupPolicy.FILL_GAPS);
        if (!seated) {
            requireRoomOnWaitingList(command.joinWaitingListIfFull(), command.seats());
        }
        claim(command.registrationId(), registrationIds);
        SealedParticipant sealed = new SealedParticipant(vault.seal(command.registrationId(), meetingId,
                scheduled.organisation(), command.participant(), emailHash));
        emailIndex.add(emailHash, command.registrationId());
        if (seated) {
            apply(new ParticipantRegistered(meetingId, command.registrationId(), sealed, command.seats(),
                    List.copyOf(waitingList)));
            return new RegistrationOutcome(command.registrationId(), RegistrationStatus.CONFIRMED, null, getVersion(),
                    true);
        }
        // The newcomer is last: no need to count through the waiting list to find its place.
        int position = waitingList.size() + 1;
        apply(new ParticipantWaitlisted(meetingId, command.registrationId(), sealed, position, command.seats()));
        return new RegistrationOutcome(command.registrationId(), RegistrationStatus.WAITLISTED, position, getVersion(),
                true);
    }

    @CommandHandler
    CancellationOutcome handle(CancelRegistration command, OfferDeadlines deadlines) throws MeetingRuleViolation {
        if (command.organisation() != null) {
            requireOrganisedBy(command.organisation());
        }
        Registration registration = requireRegistration(command.registrationId());
        if (registration.status().isActive()) {
            apply(new RegistrationCancelled(meetingId, registration.id(), registration.status(),
                    CancellationCause.REQUESTED, command.reason(), registration.seats()));
            // A waiting entry that leaves frees no seat, but may let a smaller one behind it fit.
            moveUpIntoFreeSeats(PromotionCause.CANCELLATION, registration.id(), deadlines);
        }
        return new CancellationOutcome(registration.id(), registrations.get(registration.id()).movedUp(),
                getVersion());
    }

    @CommandHandler
    SeatsOutcome handle(GiveSeatsBack command, OfferDeadlines deadlines) throws MeetingRuleViolation {
        Registration registration = requireActive(command.registrationId());
        if (command.seats() > registration.seats()) {
            throw new MeetingRuleViolation(SEATS_CANNOT_GROW, "Registration " + registration.id() + " holds "
                    + registration.seats() + " seats; seats can be given back, not added", registration.id());
        }
        if (command.seats() < registration.seats()) {
            apply(new SeatsGivenBack(meetingId, registration.id(), registration.status(), registration.seats(),
                    command.seats()));
            moveUpIntoFreeSeats(PromotionCause.SEATS_GIVEN_BACK, registration.id(), deadlines);
        }
        Registration now = registrations.get(registration.id());
        return new SeatsOutcome(now.id(), now.seats(), now.movedUp(), getVersion());
    }

    @CommandHandler
    OfferOutcome handle(AcceptOffer command) throws MeetingRuleViolation {
        Registration registration = requireRegistration(command.registrationId());
        if (registration.offerEnd() == OfferEnd.ACCEPTED) {
            return new OfferOutcome(registration.id(), registration.status(), MovedUp.NOBODY, getVersion());
        }
        requireOpenOffer(registration);
        apply(new OfferAccepted(meetingId, registration.id(), registration.seats()));
        return new OfferOutcome(registration.id(), RegistrationStatus.CONFIRMED, MovedUp.NOBODY, getVersion());
    }

    @CommandHandler
    OfferOutcome handle(DeclineOffer command, OfferDeadlines deadlines) throws MeetingRuleViolation {
        Registration registration = requireRegistration(command.registrationId());
        if (registration.offerEnd() != OfferEnd.DECLINED) {
            requireOpenOffer(registration);
            apply(new OfferDeclined(meetingId, registration.id(), registration.seats()));
            moveUpIntoFreeSeats(PromotionCause.OFFER_DECLINED, registration.id(), deadlines);
        }
        return new OfferOutcome(registration.id(), RegistrationStatus.CANCELLED,
                registrations.get(registration.id()).movedUp(), getVersion());
    }

    /** @return whether the offer expired now */
    @CommandHandler
    boolean handle(ExpireOffer command, OfferDeadlines deadlines) {
        Registration registration = registrations.get(command.registrationId());
        if (registration == null || registration.status() != RegistrationStatus.OFFERED
                || now().isBefore(deadlineOf(registration))) {
            return false;
        }
        apply(new OfferExpired(meetingId, registration.id(), registration.seats(), deadlineOf(registration)));
        moveUpIntoFreeSeats(PromotionCause.OFFER_EXPIRED, registration.id(), deadlines);
        return true;
    }

    /** Only a confirmed registration is checked in; a repeated check-in changes nothing. */
    @CommandHandler
    AttendanceOutcome handle(CheckIn command) throws MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        Registration registration = requireRegistration(command.registrationId());
        if (registration.checkedInAt() == null) {
            if (registration.status() != RegistrationStatus.CONFIRMED) {
                throw new MeetingRuleViolation(NOT_CONFIRMED, "Registration " + registration.id() + " is "
                        + registration.status() + ", not confirmed", registration.id());
            }
            apply(new AttendanceRecorded(meetingId, registration.id(), registration.seats(), now()));
        }
        return new AttendanceOutcome(registration.id(), registrations.get(registration.id()).checkedInAt(),
                getVersion());
    }

    @CommandHandler
    AttendanceOutcome handle(UndoCheckIn command) throws MeetingRuleViolation {
        requireOrganisedBy(command.organisation());
        Registration registration = requireRegistration(command.registrationId());
        if (registration.checkedInAt() != null) {
            apply(new AttendanceWithdrawn(meetingId, registration.id(), registration.seats()));
        }
        return new AttendanceOutcome(registration.id(), null, getVersion());
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
        emailIndex.forget(registration.id());
        return new ErasureOutcome(meetingId, registration.id(), getVersion());
    }

    /**
     * The retention period's end: every registration not yet erased is erased now, each key deleted
     * in this command's transaction. Before that moment (the times changed since the deadline was
     * written) nothing is erased and the right moment is left behind instead. Returns how many were
     * erased.
     */
    @CommandHandler
    int handle(EraseAfterRetention command, PersonalDataVault vault, RetentionDeadlines retention) {
        if (now().isBefore(retentionEndsAt())) {
            retention.eraseAt(meetingId, retentionEndsAt());
            return 0;
        }
        List<Registration> toErase = registrations.values().stream().filter(registration -> !registration.erased())
                .toList();
        for (Registration registration : toErase) {
            vault.erase(registration.id());
            apply(new ParticipantDataErased(meetingId, registration.id(), ErasureCause.RETENTION));
            emailIndex.forget(registration.id());
        }
        return toErase.size();
    }

    /** When the personal data of this meeting is to be erased: {@code retentionDays} after it ended. */
    private Instant retentionEndsAt() {
        Instant ended = details.endsAt() != null ? details.endsAt() : details.startsAt();
        return ended.plus(Duration.ofDays(scheduled.retentionDays()));
    }

    /**
     * Moves waiting entries up into the free seats, in order: confirmed at once or offered the seats
     * (promotion), stopping at a head that does not fit ({@code STRICT_ORDER}) or passing it
     * ({@code FILL_GAPS}). No offer is made from the meeting's start on: seats freed then stay free.
     */
    private MovedUp moveUpIntoFreeSeats(PromotionCause cause, UUID vacatedBy, OfferDeadlines deadlines) {
        boolean offers = policy().promotion() == Promotion.OFFER;
        Instant now = now();
        if (freeSeats() <= 0 || waitingList.isEmpty() || offers && !now.isBefore(details.startsAt())) {
            return MovedUp.NOBODY; // without copying the waiting list: a full meeting's is long
        }
        List<UUID> promoted = new ArrayList<>();
        List<UUID> offered = new ArrayList<>();
        List<UUID> passed = new ArrayList<>();
        for (UUID waiting : List.copyOf(waitingList)) {
            int free = freeSeats();
            if (free == 0) {
                break;
            }
            Registration entry = registrations.get(waiting);
            if (entry.seats() > free) {
                if (groupPolicy() == GroupPolicy.STRICT_ORDER) {
                    break;
                }
                passed.add(waiting);
            } else if (offers) {
                Instant deadline = earlier(now.plus(Duration.ofHours(policy().offerHours())), details.startsAt());
                apply(new OfferMade(meetingId, waiting, entry.seats(), deadline, cause, vacatedBy, passed));
                deadlines.expireAt(meetingId, waiting, deadline);
                offered.add(waiting);
            } else {
                apply(new WaitlistedParticipantPromoted(meetingId, waiting, cause, vacatedBy, entry.seats(), passed));
                promoted.add(waiting);
            }
        }
        return new MovedUp(promoted, offered);
    }

    private static void requireConsistent(MeetingTimes times) throws InconsistentTimes {
        if (!times.problems().isEmpty()) {
            throw new InconsistentTimes(times.problems());
        }
    }

    private void requireOpenOffer(Registration registration) throws MeetingRuleViolation {
        if (registration.offerEnd() == OfferEnd.EXPIRED || registration.status() == RegistrationStatus.OFFERED
                && !now().isBefore(deadlineOf(registration))) {
            throw new MeetingRuleViolation(OFFER_EXPIRED, "The offer to registration " + registration.id()
                    + " expired", registration.id());
        }
        if (registration.status() != RegistrationStatus.OFFERED) {
            throw new MeetingRuleViolation(NO_OPEN_OFFER, "Registration " + registration.id()
                    + " has no open offer", registration.id());
        }
    }

    /** An offer's deadline, never later than the meeting's start (which may have moved since the offer). */
    private Instant deadlineOf(Registration offered) {
        return earlier(offered.offerDeadline(), details.startsAt());
    }

    private int freeSeats() {
        return capacity - confirmedSeats - offeredSeats;
    }

    private WaitingListPolicy policy() {
        return scheduled.waitingList();
    }

    private GroupPolicy groupPolicy() {
        return policy().groupPolicy();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static Instant earlier(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    /** The names of the details that differ, in the order of the fields. */
    private static List<String> changedFields(MeetingDetailsChanged before, MeetingDetailsChanged after) {
        List<String> changed = new ArrayList<>();
        addIfChanged(changed, "title", before.title(), after.title());
        addIfChanged(changed, "description", before.description(), after.description());
        addIfChanged(changed, "location", before.location(), after.location());
        addIfChanged(changed, "startsAt", before.startsAt(), after.startsAt());
        addIfChanged(changed, "endsAt", before.endsAt(), after.endsAt());
        addIfChanged(changed, "registrationOpensAt", before.registrationOpensAt(), after.registrationOpensAt());
        addIfChanged(changed, "registrationClosesAt", before.registrationClosesAt(), after.registrationClosesAt());
        return changed;
    }

    private static void addIfChanged(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    /** The changed value, or the current one where the command leaves a field out. */
    private static <T> T or(T changed, T current) {
        return changed != null ? changed : current;
    }

    /**
     * One active registration per person, recognised by the email index. An erased registration no
     * longer recognises anyone: nothing is kept from which its person could be known again.
     */
    private Optional<UUID> activeRegistrationOf(String emailHash, PersonalDataVault vault) {
        return emailIndex.registrationsOf(emailHash, meetingId, vault).stream()
                .map(registrations::get)
                .filter(registration -> registration != null && !registration.erased() && registration.status().isActive())
                .map(Registration::id)
                .findFirst();
    }

    /**
     * A retry must name the same person with the same data. After erasure nothing is left to compare
     * with: the registration id alone answers, as it did the first time.
     */
    private RegistrationOutcome repeatedRegistration(Registration existing, Participant participant,
                                                     PersonalDataVault vault) throws MeetingRuleViolation {
        boolean same = existing.erased() || vault.sameParticipant(existing.id(), participant);
        if (!same) {
            throw new MeetingRuleViolation(REGISTRATION_ID_CONFLICT,
                    "Registration " + existing.id() + " exists with other participant data", existing.id());
        }
        Integer position = existing.status() == RegistrationStatus.WAITLISTED
                ? positionOnWaitingList(existing.id())
                : null;
        return new RegistrationOutcome(existing.id(), existing.status(), position, getVersion(), false);
    }

    private Registration requireRegistration(UUID registrationId) throws MeetingRuleViolation {
        Registration registration = registrations.get(registrationId);
        if (registration == null) {
            throw new MeetingRuleViolation(REGISTRATION_NOT_FOUND,
                    "Meeting " + meetingId + " has no registration " + registrationId, registrationId);
        }
        return registration;
    }

    private Registration requireActive(UUID registrationId) throws MeetingRuleViolation {
        Registration registration = requireRegistration(registrationId);
        if (!registration.status().isActive()) {
            throw new MeetingRuleViolation(REGISTRATION_CANCELLED,
                    "Registration " + registrationId + " was cancelled", registrationId);
        }
        return registration;
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

    /** Last check before the registration is written: the claim commits only together with it. */
    private void claim(UUID registrationId, RegistrationIds registrationIds) throws MeetingRuleViolation {
        UUID owner = registrationIds.claim(registrationId, meetingId);
        if (!owner.equals(meetingId)) {
            throw new MeetingRuleViolation(REGISTRATION_ID_CONFLICT,
                    "Registration id " + registrationId + " belongs to another meeting", registrationId);
        }
    }

    private void requireRoomOnWaitingList(boolean callerAgrees, int seats) throws MeetingRuleViolation {
        WaitingListPolicy policy = policy();
        if (!callerAgrees || !policy.enabled()) {
            throw new MeetingRuleViolation(MEETING_FULL, seats == 1 ? "All " + capacity + " seats are taken"
                    : seats + " seats are not free (" + Math.max(0, freeSeats()) + " of " + capacity + " are)");
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
        Instant opensAt = details.registrationOpensAt();
        if (opensAt != null && now.isBefore(opensAt)) {
            throw new MeetingRuleViolation(REGISTRATION_NOT_OPEN, "Registration opens at " + opensAt);
        }
        Instant closesAt = details.registrationClosesAt();
        if (closesAt != null && !now.isBefore(closesAt)) {
            throw new MeetingRuleViolation(REGISTRATION_CLOSED, "Registration closed at " + closesAt);
        }
        if (!now.isBefore(details.startsAt())) {
            throw new MeetingRuleViolation(REGISTRATION_CLOSED,
                    "Registration closed when the meeting started at " + details.startsAt());
        }
        if (closedByOrganiser) {
            throw new MeetingRuleViolation(REGISTRATION_CLOSED, "The organiser closed registration");
        }
    }

    @EventSourcingHandler
    void on(MeetingScheduled event) {
        meetingId = event.meetingId();
        scheduled = event;
        details = new MeetingDetailsChanged(event.meetingId(), event.title(), event.description(), event.location(),
                event.startsAt(), event.endsAt(), event.registrationOpensAt(), event.registrationClosesAt(), List.of());
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(MeetingDetailsChanged event) {
        details = event;
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
        registrations.put(event.registrationId(), Registration.confirmed(event.registrationId(), event.seats()));
        confirmedSeats += event.seats();
    }

    @EventSourcingHandler
    void on(ParticipantWaitlisted event) {
        registrations.put(event.registrationId(), Registration.waitlisted(event.registrationId(), event.seats()));
        waitingList.add(event.registrationId());
    }

    @EventSourcingHandler
    void on(WaitlistedParticipantPromoted event) {
        waitingList.remove(event.registrationId());
        registrations.computeIfPresent(event.registrationId(), (id, registration) -> registration.asConfirmed());
        succeeded(event.vacatedBy(), event.registrationId(), false);
        confirmedSeats += event.seats();
    }

    @EventSourcingHandler
    void on(OfferMade event) {
        waitingList.remove(event.registrationId());
        registrations.computeIfPresent(event.registrationId(), (id, registration) ->
                registration.asOffered(event.expiresAt()));
        succeeded(event.vacatedBy(), event.registrationId(), true);
        offeredSeats += event.seats();
    }

    @EventSourcingHandler
    void on(OfferAccepted event) {
        registrations.computeIfPresent(event.registrationId(), (id, registration) ->
                registration.withOfferEnded(OfferEnd.ACCEPTED));
        offeredSeats -= event.seats();
        confirmedSeats += event.seats();
    }

    @EventSourcingHandler
    void on(OfferDeclined event) {
        offeredSeats -= event.seats();
        endOffer(event.registrationId(), OfferEnd.DECLINED);
    }

    @EventSourcingHandler
    void on(OfferExpired event) {
        offeredSeats -= event.seats();
        endOffer(event.registrationId(), OfferEnd.EXPIRED);
    }

    @EventSourcingHandler
    void on(SeatsGivenBack event) {
        int returned = event.seatsBefore() - event.seats();
        switch (event.status()) {
            case CONFIRMED -> confirmedSeats -= returned;
            case OFFERED -> offeredSeats -= returned;
            default -> {
                // a waiting entry asks for fewer: no seat was held
            }
        }
        registrations.computeIfPresent(event.registrationId(), (id, registration) -> registration.withSeats(event.seats()));
    }

    @EventSourcingHandler
    void on(RegistrationCancelled event) {
        Registration registration = registrations.get(event.registrationId());
        switch (event.previousStatus()) {
            case CONFIRMED -> confirmedSeats -= event.seats();
            case OFFERED -> offeredSeats -= event.seats();
            default -> waitingList.remove(registration.id());
        }
        registrations.put(registration.id(), registration.asCancelled());
    }

    @EventSourcingHandler
    void on(AttendanceRecorded event) {
        registrations.computeIfPresent(event.registrationId(), (id, registration) ->
                registration.checkedIn(event.checkedInAt()));
    }

    @EventSourcingHandler
    void on(AttendanceWithdrawn event) {
        registrations.computeIfPresent(event.registrationId(), (id, registration) -> registration.checkedIn(null));
    }

    @EventSourcingHandler
    void on(ParticipantDataErased event) {
        registrations.computeIfPresent(event.registrationId(), (id, registration) -> registration.asErased());
    }

    private void endOffer(UUID registrationId, OfferEnd end) {
        registrations.computeIfPresent(registrationId, (id, registration) -> registration.withOfferEnded(end));
    }

    private void succeeded(UUID vacatedBy, UUID successor, boolean offered) {
        if (vacatedBy != null) {
            registrations.computeIfPresent(vacatedBy, (id, vacating) -> vacating.withSuccessor(successor, offered));
        }
    }
}
