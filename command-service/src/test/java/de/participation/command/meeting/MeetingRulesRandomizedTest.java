package de.participation.command.meeting;

import de.participation.command.support.MovableClock;
import de.participation.events.MeetingEvent;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferDeclined;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.Participant;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationCancelled;
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitingListPolicy.GroupPolicy;
import de.participation.events.WaitingListPolicy.Promotion;
import de.participation.events.WaitlistedParticipantPromoted;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random command sequences on small meetings, every command of version 2 and the
 * deadlines mixed in, against a simple model of the rules written apart from the Meeting: after
 * each command the Meeting must have accepted or refused it as the model does, its registrations
 * (status and seats, folded from its stored events) must equal the model's, and the invariants
 * must hold: confirmed + offered &le; capacity, no free seat beside a waiting entry that fits into it
 * ({@code FILL_GAPS}) or beside a head that fits ({@code STRICT_ORDER}) while offers may be made,
 * and the waiting list in arrival order. Seeded: a failure names its seed and step.
 */
class MeetingRulesRandomizedTest {

    private static final int SEQUENCES = 2_000;
    private static final int STEPS = 40;
    private static final Instant START = Instant.parse("2030-06-03T08:00:00Z");
    private static final String ORG = "SMWA";

    /** The clock the Meeting decides with, moved by the test. */
    private final MovableClock clock = new MovableClock(START);
    private final Clock originalClock = GenericEventMessage.clock;
    /** The events of the current sequence's meeting, as the Meeting stored them. */
    private final List<MeetingEvent> published = new ArrayList<>();
    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void startAxon() {
        GenericEventMessage.clock = clock;
        TransparentVault vault = new TransparentVault();
        RegistrationIds ids = new InMemoryRegistrationIds();
        OfferDeadlines deadlines = (meetingId, registrationId, deadline) -> {
            // the model knows the deadlines; the scheduler is tested against the real stack
        };
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                // kept in memory between commands, as the command service's repository keeps it
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Meeting.class)
                        .configureCache(configuration -> new WeakReferenceCache()))
                .registerComponent(RegistrationIds.class, configuration -> ids)
                .registerComponent(PersonalDataVault.class, configuration -> vault)
                .registerComponent(OfferDeadlines.class, configuration -> deadlines)
                .registerComponent(RetentionDeadlines.class, configuration -> (meetingId, at) -> {
                    // retention is tested by MeetingTest and against the real stack
                })
                .buildConfiguration();
        axon.start();
        axon.eventBus().subscribe(messages -> messages.forEach(message -> published.add((MeetingEvent) message.getPayload())));
        commands = axon.commandGateway();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
        GenericEventMessage.clock = originalClock;
    }

    @Test
    void everySequenceOfCommandsKeepsTheRulesOfTheModel() {
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            long seed = 20261128L + sequence;
            run(seed);
        }
    }

    private void run(long seed) {
        Random random = new Random(seed);
        published.clear();
        clock.moveTo(START.minus(Duration.ofHours(24 + random.nextInt(72))));
        UUID meetingId = new UUID(seed, 0);
        Promotion promotion = random.nextBoolean() ? Promotion.OFFER : Promotion.AUTOMATIC;
        GroupPolicy groupPolicy = random.nextBoolean() ? GroupPolicy.FILL_GAPS : GroupPolicy.STRICT_ORDER;
        int offerHours = 1 + random.nextInt(30);
        Model model = new Model(1 + random.nextInt(6), promotion, groupPolicy, offerHours, START);
        model.now = clock.instant();
        commands.sendAndWait(new ScheduleMeeting(meetingId, "Werkstatt " + seed, null, "Leipzig", START, null,
                model.capacity, null, null, new WaitingListPolicy(true, 0, promotion, offerHours, groupPolicy), ORG));
        List<UUID> ids = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            String context = "seed " + seed + ", step " + step;
            Step next = nextStep(random, meetingId, ids, model);
            Optional<Rejection> refused = send(next.command());
            assertThat(refused).as("%s: %s", context, next.command()).isEqualTo(next.expected().refusal());
            assertThat(registrations()).as("%s after %s", context, next.command())
                    .isEqualTo(model.registrations());
            model.assertInvariants(context);
        }
    }

    private record Step(Object command, Outcome expected) {
    }

    /** What the model expects of a command: refused with a code, or carried out. */
    private record Outcome(Optional<Rejection> refusal) {
        static final Outcome DONE = new Outcome(Optional.empty());

        static Outcome refused(Rejection rejection) {
            return new Outcome(Optional.of(rejection));
        }
    }

    /** A random command (or the passing of time) and what the model says it does, applied to the model. */
    private Step nextStep(Random random, UUID meetingId, List<UUID> ids, Model model) {
        UUID some = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
        int choice = random.nextInt(ids.isEmpty() ? 1 : 10);
        return switch (choice) {
            case 0, 1, 2 -> {
                UUID id = UUID.randomUUID();
                int person = random.nextInt(8);
                int seats = 1 + random.nextInt(3);
                Outcome expected = model.register(id, person, seats);
                if (expected.refusal().isEmpty()) {
                    ids.add(id);
                }
                yield new Step(new RegisterParticipant(meetingId, id, new Participant("Person " + person,
                        "person" + person + "@example.org", null), seats, true), expected);
            }
            case 3 -> new Step(new CancelRegistration(meetingId, some, null), model.cancel(some));
            case 4 -> {
                int seats = 1 + random.nextInt(3);
                yield new Step(new GiveSeatsBack(meetingId, some, seats), model.giveBack(some, seats));
            }
            case 5 -> new Step(new AcceptOffer(meetingId, some), model.accept(some));
            case 6 -> new Step(new DeclineOffer(meetingId, some), model.decline(some));
            case 7 -> {
                int capacity = 1 + random.nextInt(8);
                yield new Step(new ChangeCapacity(meetingId, capacity, ORG), model.changeCapacity(capacity));
            }
            case 8 -> {
                // time passes (sometimes beyond a deadline or the start), then a deadline fires
                clock.advance(Duration.ofMinutes(random.nextInt(40 * 60)));
                model.now = clock.instant();
                yield new Step(new ExpireOffer(meetingId, some), model.expire(some));
            }
            default -> {
                Instant startsAt = model.startsAt.plus(Duration.ofHours(random.nextInt(49) - 24));
                yield new Step(new ChangeDetails(meetingId, null, null, null, startsAt, null, null, null, ORG),
                        model.changeStart(startsAt));
            }
        };
    }

    private Optional<Rejection> send(Object command) {
        try {
            commands.sendAndWait(command);
            return Optional.empty();
        } catch (CommandExecutionException refused) {
            if (refused.getCause() instanceof MeetingRuleViolation violation) {
                return Optional.of(violation.rejection());
            }
            throw refused;
        }
    }

    /** Each registration's status and seats as the Meeting's stored events say. */
    private Map<UUID, String> registrations() {
        Map<UUID, String> registrations = new LinkedHashMap<>();
        Map<UUID, Integer> seats = new HashMap<>();
        published.forEach(event -> {
                    switch (event) {
                        case ParticipantRegistered e -> {
                            seats.put(e.registrationId(), e.seats());
                            registrations.put(e.registrationId(), "CONFIRMED");
                        }
                        case ParticipantWaitlisted e -> {
                            seats.put(e.registrationId(), e.seats());
                            registrations.put(e.registrationId(), "WAITLISTED");
                        }
                        case WaitlistedParticipantPromoted e ->
                                registrations.put(e.registrationId(), "CONFIRMED");
                        case OfferMade e -> registrations.put(e.registrationId(), "OFFERED");
                        case OfferAccepted e -> registrations.put(e.registrationId(), "CONFIRMED");
                        case OfferDeclined e -> registrations.put(e.registrationId(), "CANCELLED");
                        case OfferExpired e -> registrations.put(e.registrationId(), "CANCELLED");
                        case RegistrationCancelled e ->
                                registrations.put(e.registrationId(), "CANCELLED");
                        case SeatsGivenBack e -> seats.put(e.registrationId(), e.seats());
                        default -> {
                            // the meeting's own events hold no registration
                        }
                    }
                });
        registrations.replaceAll((id, status) -> status + "x" + seats.get(id));
        return registrations;
    }

    /** The rules of version 2, written down as plainly as possible. */
    private static final class Model {

        private enum Status { CONFIRMED, WAITLISTED, OFFERED, CANCELLED }

        private static final class Entry {
            Status status;
            int seats;
            int person;
            Instant deadline;
            String offerEnd;
        }

        int capacity;
        final Promotion promotion;
        final GroupPolicy groupPolicy;
        final int offerHours;
        Instant startsAt;
        Instant now;
        final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>();

        Model(int capacity, Promotion promotion, GroupPolicy groupPolicy, int offerHours, Instant startsAt) {
            this.capacity = capacity;
            this.promotion = promotion;
            this.groupPolicy = groupPolicy;
            this.offerHours = offerHours;
            this.startsAt = startsAt;
        }

        Outcome register(UUID id, int person, int seats) {
            now = currentTime();
            if (!now.isBefore(startsAt)) {
                return Outcome.refused(Rejection.REGISTRATION_CLOSED);
            }
            if (entries.values().stream().anyMatch(entry -> entry.person == person && entry.status != Status.CANCELLED)) {
                return Outcome.refused(Rejection.ALREADY_REGISTERED);
            }
            Entry entry = new Entry();
            entry.person = person;
            entry.seats = seats;
            entry.status = seats <= free() && (waiting().isEmpty() || groupPolicy == GroupPolicy.FILL_GAPS)
                    ? Status.CONFIRMED : Status.WAITLISTED;
            entries.put(id, entry);
            return Outcome.DONE;
        }

        Outcome cancel(UUID id) {
            Entry entry = entries.get(id);
            if (entry.status != Status.CANCELLED) {
                entry.status = Status.CANCELLED;
                moveUp();
            }
            return Outcome.DONE;
        }

        Outcome giveBack(UUID id, int seats) {
            Entry entry = entries.get(id);
            if (entry.status == Status.CANCELLED) {
                return Outcome.refused(Rejection.REGISTRATION_CANCELLED);
            }
            if (seats > entry.seats) {
                return Outcome.refused(Rejection.SEATS_CANNOT_GROW);
            }
            if (seats < entry.seats) {
                entry.seats = seats;
                moveUp();
            }
            return Outcome.DONE;
        }

        Outcome accept(UUID id) {
            Entry entry = entries.get(id);
            if ("ACCEPTED".equals(entry.offerEnd)) {
                return Outcome.DONE;
            }
            Optional<Rejection> closed = offerClosed(entry);
            if (closed.isPresent()) {
                return new Outcome(closed);
            }
            entry.status = Status.CONFIRMED;
            entry.offerEnd = "ACCEPTED";
            return Outcome.DONE;
        }

        Outcome decline(UUID id) {
            Entry entry = entries.get(id);
            if ("DECLINED".equals(entry.offerEnd)) {
                return Outcome.DONE;
            }
            Optional<Rejection> closed = offerClosed(entry);
            if (closed.isPresent()) {
                return new Outcome(closed);
            }
            entry.status = Status.CANCELLED;
            entry.offerEnd = "DECLINED";
            moveUp();
            return Outcome.DONE;
        }

        Outcome expire(UUID id) {
            Entry entry = entries.get(id);
            if (entry != null && entry.status == Status.OFFERED && !now.isBefore(deadline(entry))) {
                entry.status = Status.CANCELLED;
                entry.offerEnd = "EXPIRED";
                moveUp();
            }
            return Outcome.DONE;
        }

        Outcome changeCapacity(int newCapacity) {
            if (newCapacity < taken()) {
                return Outcome.refused(Rejection.CAPACITY_BELOW_CONFIRMED);
            }
            if (newCapacity != capacity) {
                capacity = newCapacity;
                moveUp();
            }
            return Outcome.DONE;
        }

        Outcome changeStart(Instant newStart) {
            if (!newStart.equals(startsAt)) {
                startsAt = newStart;
                moveUp();
            }
            return Outcome.DONE;
        }

        private Optional<Rejection> offerClosed(Entry entry) {
            if ("EXPIRED".equals(entry.offerEnd) || entry.status == Status.OFFERED && !now.isBefore(deadline(entry))) {
                return Optional.of(Rejection.OFFER_EXPIRED);
            }
            return entry.status == Status.OFFERED ? Optional.empty() : Optional.of(Rejection.NO_OPEN_OFFER);
        }

        private Instant deadline(Entry entry) {
            return entry.deadline.isBefore(startsAt) ? entry.deadline : startsAt;
        }

        private void moveUp() {
            if (!offersStopped()) {
                for (Entry entry : waiting()) {
                    if (free() == 0) {
                        return;
                    }
                    if (entry.seats > free()) {
                        if (groupPolicy == GroupPolicy.STRICT_ORDER) {
                            return;
                        }
                    } else if (promotion == Promotion.OFFER) {
                        entry.status = Status.OFFERED;
                        Instant deadline = now.plus(Duration.ofHours(offerHours));
                        entry.deadline = deadline.isBefore(startsAt) ? deadline : startsAt;
                    } else {
                        entry.status = Status.CONFIRMED;
                    }
                }
            }
        }

        /** From the start on no offer is made: seats freed then stay free. */
        private boolean offersStopped() {
            return promotion == Promotion.OFFER && !now.isBefore(startsAt);
        }

        private List<Entry> waiting() {
            return entries.values().stream().filter(entry -> entry.status == Status.WAITLISTED).toList();
        }

        private int taken() {
            return entries.values().stream()
                    .filter(entry -> entry.status == Status.CONFIRMED || entry.status == Status.OFFERED)
                    .mapToInt(entry -> entry.seats).sum();
        }

        private int free() {
            return capacity - taken();
        }

        Map<UUID, String> registrations() {
            Map<UUID, String> registrations = new LinkedHashMap<>();
            entries.forEach((id, entry) -> registrations.put(id, entry.status + "x" + entry.seats));
            return registrations;
        }

        void assertInvariants(String context) {
            assertThat(taken()).as("%s: confirmed + offered seats within the capacity", context).isLessThanOrEqualTo(capacity);
            if (offersStopped()) {
                return;
            }
            List<Entry> waiting = waiting();
            if (groupPolicy == GroupPolicy.FILL_GAPS) {
                assertThat(waiting).as("%s: no waiting entry fits into the %d free seats", context, free())
                        .noneMatch(entry -> entry.seats <= free());
            } else if (!waiting.isEmpty()) {
                assertThat(waiting.getFirst().seats).as("%s: the head does not fit into the free seats", context)
                        .isGreaterThan(free());
            }
        }

        private Instant currentTime() {
            return Objects.requireNonNull(now, "the model's clock");
        }
    }
}
