package de.participation.command.meeting;

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
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitingListPolicy.GroupPolicy;
import de.participation.events.WaitingListPolicy.Promotion;
import de.participation.events.WaitlistedParticipantPromoted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static de.participation.events.RegistrationStatus.CONFIRMED;
import static de.participation.events.RegistrationStatus.WAITLISTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of DOMAIN.md, one behaviour per test. */
class MeetingTest {

    private static final UUID MEETING = UUID.fromString("6f1c2a9e-3b7d-4c21-9a4e-0d5b8e7f1a01");
    private static final Instant NOW = Instant.parse("2019-05-20T10:00:00Z");
    private static final Instant STARTS_AT = Instant.parse("2019-06-03T08:00:00Z");
    private static final UUID R1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID R2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID R3 = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final UUID R4 = UUID.fromString("00000000-0000-4000-8000-000000000004");
    private static final Participant ERIKA = new Participant("Erika Mustermann", "erika@example.org", "Gemeinde Musterdorf");
    private static final Participant MAX = new Participant("Max Mustermann", "max@example.org", null);
    private static final Participant JONAS = new Participant("Jonas Schmidt", "jonas@example.org", null);
    private static final Participant LEA = new Participant("Lea Weber", "lea@example.org", "Stadt Leipzig");

    private static final String ORG = "SMWA";
    private static final UUID OTHER_MEETING = UUID.fromString("6f1c2a9e-3b7d-4c21-9a4e-0d5b8e7f1a02");

    private FixtureConfiguration<Meeting> fixture;
    private final InMemoryRegistrationIds registrationIds = new InMemoryRegistrationIds();
    private final TransparentVault vault = new TransparentVault();
    /** The deadline of each open offer, as the meeting left it. */
    private final Map<UUID, Instant> deadlines = new HashMap<>();
    private final OfferDeadlines offerDeadlines = (meetingId, registrationId, deadline) -> deadlines.put(registrationId, deadline);
    /** When each meeting's personal data is to be erased, as the meeting left it. */
    private final Map<UUID, Instant> retentionDeadlines = new HashMap<>();
    private final RetentionDeadlines retention = retentionDeadlines::put;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(registrationIds);
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(offerDeadlines);
        fixture.registerInjectableResource(retention);
    }

    private static MeetingScheduled scheduled(int capacity, WaitingListPolicy waitingList) {
        return new MeetingScheduled(MEETING, "Regionen-Workshop", "Mobilität und Coworking", "Meißen",
                STARTS_AT, null, capacity, null, null, waitingList, ORG);
    }

    private static MeetingScheduled scheduled(int capacity) {
        return scheduled(capacity, WaitingListPolicy.UNLIMITED);
    }

    private static ScheduleMeeting schedule(MeetingScheduled event) {
        return new ScheduleMeeting(event.meetingId(), event.title(), event.description(), event.location(),
                event.startsAt(), event.endsAt(), event.capacity(), event.registrationOpensAt(),
                event.registrationClosesAt(), event.waitingList(), event.organisation());
    }

    private static RegisterParticipant register(UUID registrationId, Participant participant) {
        return new RegisterParticipant(MEETING, registrationId, participant, true);
    }

    private static Matcher<?> rejectedWith(Rejection rejection) {
        return Matchers.predicate(e -> e instanceof MeetingRuleViolation violation && violation.rejection() == rejection);
    }

    // scheduling

    @Test
    void canScheduleMeeting() {
        fixture.givenNoPriorActivity()
                .when(schedule(scheduled(40)))
                .expectEvents(scheduled(40))
                .expectResultMessagePayload(new ScheduleOutcome(MEETING, 0, true));
    }

    @Test
    void repeatedScheduleWithSameDetailsChangesNothing() {
        fixture.given(scheduled(40), new MeetingCapacityChanged(MEETING, 40, 50))
                .when(schedule(scheduled(40)))
                .expectNoEvents()
                .expectResultMessagePayload(new ScheduleOutcome(MEETING, 1, false));
    }

    @Test
    void anotherOrganisationCannotReuseTheMeetingId() {
        MeetingScheduled ours = scheduled(40);
        fixture.given(ours)
                .when(new ScheduleMeeting(MEETING, ours.title(), ours.description(), ours.location(), ours.startsAt(),
                        null, 40, null, null, ours.waitingList(), "STADT-LEIPZIG"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEETING_ID_CONFLICT));
    }

    @Test
    void cannotRescheduleSameMeetingIdWithOtherDetails() {
        fixture.given(scheduled(40))
                .when(schedule(scheduled(41)))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEETING_ID_CONFLICT));
    }

    // registering

    @Test
    void participantGetsFreeSeat() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(2))
                .when(register(R1, ERIKA))
                .expectEvents(new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .expectResultMessagePayload(new RegistrationOutcome(R1, CONFIRMED, null, 1, true));
    }

    @Test
    void participantJoinsWaitingListWhenFull() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(register(R2, MAX))
                .expectEvents(new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1))
                .expectResultMessagePayload(new RegistrationOutcome(R2, WAITLISTED, 1, 2, true));
    }

    @Test
    void waitingListPositionsCountFromOneInArrivalOrder() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1))
                .when(register(R3, JONAS))
                .expectEvents(new ParticipantWaitlisted(MEETING, R3, vault.sealed(R3, JONAS), 2));
    }

    @Test
    void cannotRegisterWhenFullAndCallerDeclinesWaitingList() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new RegisterParticipant(MEETING, R2, MAX, false))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEETING_FULL));
    }

    @Test
    void cannotRegisterWhenFullAndWaitingListDisabled() {
        fixture.givenCurrentTime(NOW)
                .andGiven(scheduled(1, new WaitingListPolicy(false, 0)), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(register(R2, MAX))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEETING_FULL));
    }

    @Test
    void cannotJoinWaitingListBeyondItsLimit() {
        fixture.givenCurrentTime(NOW)
                .andGiven(scheduled(1, new WaitingListPolicy(true, 1)), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1))
                .when(register(R3, JONAS))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.WAITING_LIST_FULL));
    }

    @Test
    void retriedRegistrationReturnsEarlierOutcomeWithoutNewEvent() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1))
                .when(register(R2, MAX))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationOutcome(R2, WAITLISTED, 1, 2, false));
    }

    @Test
    void retriedRegistrationReportsCurrentStatusAfterPromotion() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1),
                        new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CANCELLATION, R1))
                .when(register(R2, MAX))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationOutcome(R2, CONFIRMED, null, 4, false));
    }

    @Test
    void retriedRegistrationIsRecognisedDespiteEmailCaseAndSpaces() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(register(R1, new Participant("Erika Mustermann", "  Erika@Example.ORG ", "Gemeinde Musterdorf")))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationOutcome(R1, CONFIRMED, null, 1, false));
    }

    @Test
    void aRetryWithTheSameEmailButAnotherNameIsAConflict() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5)).andGivenCommands(register(R1, ERIKA))
                .when(register(R1, new Participant("Erika Musterfrau", "erika@example.org", "Gemeinde Musterdorf")))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_ID_CONFLICT));
    }

    @Test
    void aRetryWithTheSameDataUpToBlanksIsRecognised() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5)).andGivenCommands(register(R1, ERIKA))
                .when(register(R1, new Participant(" Erika Mustermann ", "erika@example.org", " Gemeinde Musterdorf")))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationOutcome(R1, CONFIRMED, null, 1, false));
    }

    @Test
    void sameRegistrationIdWithOtherParticipantIsAConflict() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(register(R1, MAX))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_ID_CONFLICT));
    }

    @Test
    void cannotUseRegistrationIdThatBelongsToAnotherMeeting() {
        registrationIds.claim(R1, OTHER_MEETING);

        fixture.givenCurrentTime(NOW).andGiven(scheduled(5))
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_ID_CONFLICT));
    }

    @Test
    void refusedRegistrationDoesNotClaimItsId() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new RegisterParticipant(MEETING, R2, MAX, false))
                .expectException(rejectedWith(Rejection.MEETING_FULL));

        assertThat(registrationIds.meetingOf(R2)).isEmpty();
    }

    @Test
    void samePersonCannotHoldTwoActiveRegistrations() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(register(R2, new Participant("E. Mustermann", " ERIKA@example.org", null)))
                .expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof MeetingRuleViolation v
                        && v.rejection() == Rejection.ALREADY_REGISTERED && R1.equals(v.registrationId())));
    }

    @Test
    void samePersonMayRegisterAgainAfterCancelling() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null))
                .when(register(R2, ERIKA))
                .expectEvents(new ParticipantRegistered(MEETING, R2, vault.sealed(R2, ERIKA)));
    }

    @Test
    void cannotRegisterBeforeWindowOpens() {
        MeetingScheduled withWindow = new MeetingScheduled(MEETING, "Workshop", null, "Meißen", STARTS_AT, null, 5,
                NOW.plusSeconds(1), null, WaitingListPolicy.UNLIMITED, ORG);
        fixture.givenCurrentTime(NOW).andGiven(withWindow)
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_NOT_OPEN));
    }

    @Test
    void canRegisterOnceWindowHasOpened() {
        MeetingScheduled withWindow = new MeetingScheduled(MEETING, "Workshop", null, "Meißen", STARTS_AT, null, 5,
                NOW, null, WaitingListPolicy.UNLIMITED, ORG);
        fixture.givenCurrentTime(NOW).andGiven(withWindow)
                .when(register(R1, ERIKA))
                .expectEvents(new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)));
    }

    @Test
    void cannotRegisterAfterWindowCloses() {
        MeetingScheduled withWindow = new MeetingScheduled(MEETING, "Workshop", null, "Meißen", STARTS_AT, null, 5,
                null, NOW, WaitingListPolicy.UNLIMITED, ORG);
        fixture.givenCurrentTime(NOW).andGiven(withWindow)
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_CLOSED));
    }

    @Test
    void cannotRegisterOnceMeetingHasStarted() {
        fixture.givenCurrentTime(STARTS_AT).andGiven(scheduled(5))
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_CLOSED));
    }

    @Test
    void cannotRegisterWhenOrganiserClosedRegistration() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new RegistrationClosed(MEETING))
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_CLOSED));
    }

    @Test
    void canRegisterAgainAfterOrganiserReopened() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new RegistrationClosed(MEETING), new RegistrationReopened(MEETING))
                .when(register(R1, ERIKA))
                .expectEvents(new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)));
    }

    @Test
    void cannotRegisterForCancelledMeeting() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new MeetingCancelled(MEETING, "Raum fehlt"))
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEETING_CANCELLED));
    }

    // cancelling a registration

    @Test
    void cancellingConfirmedRegistrationPromotesHeadOfWaitingList() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1), new ParticipantWaitlisted(MEETING, R3, vault.sealed(R3, JONAS), 2))
                .when(new CancelRegistration(MEETING, R1, "Terminkonflikt"))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, "Terminkonflikt"),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CANCELLATION, R1))
                .expectResultMessagePayload(new CancellationOutcome(R1, new MovedUp(List.of(R2), List.of()), 5));
    }

    @Test
    void theOrganiserCancelsARegistrationOfTheirMeetingAndTheNextMovesUp() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1))
                .when(new CancelRegistration(MEETING, R1, "hat telefonisch abgesagt", ORG))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED,
                                "hat telefonisch abgesagt"),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CANCELLATION, R1));
    }

    @Test
    void anotherOrganisationCannotCancelARegistration() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new CancelRegistration(MEETING, R1, null, "STADT-LEIPZIG"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_ORGANISER));
    }

    @Test
    void cancellingConfirmedRegistrationWithEmptyWaitingListFreesSeat() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(2), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null))
                .expectResultMessagePayload(new CancellationOutcome(R1, new MovedUp(List.of(), List.of()), 2));
    }

    @Test
    void freedSeatGoesToNextRegistrantWhenWaitingListIsEmpty() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null))
                .when(register(R2, MAX))
                .expectEvents(new ParticipantRegistered(MEETING, R2, vault.sealed(R2, MAX)));
    }

    @Test
    void leavingWaitingListMovesEveryoneBehindUpOnePlace() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1), new ParticipantWaitlisted(MEETING, R3, vault.sealed(R3, JONAS), 2),
                        new RegistrationCancelled(MEETING, R2, WAITLISTED, CancellationCause.REQUESTED, null))
                .when(register(R3, JONAS))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationOutcome(R3, WAITLISTED, 1, 4, false));
    }

    @Test
    void leavingWaitingListPromotesNobody() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1), new ParticipantWaitlisted(MEETING, R3, vault.sealed(R3, JONAS), 2))
                .when(new CancelRegistration(MEETING, R2, null))
                .expectEvents(new RegistrationCancelled(MEETING, R2, WAITLISTED, CancellationCause.REQUESTED, null))
                .expectResultMessagePayload(new CancellationOutcome(R2, new MovedUp(List.of(), List.of()), 4));
    }

    @Test
    void cancellingAgainGivesSameAnswerWithoutNewEvent() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1),
                        new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CANCELLATION, R1),
                        new ParticipantRegistered(MEETING, R3, vault.sealed(R3, JONAS)))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectNoEvents()
                .expectResultMessagePayload(new CancellationOutcome(R1, new MovedUp(List.of(R2), List.of()), 5));
    }

    @Test
    void cannotCancelUnknownRegistration() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_NOT_FOUND));
    }

    // capacity

    @Test
    void growingCapacityPromotesAsManyAsNewSeatsInOrder() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1), new ParticipantWaitlisted(MEETING, R3, vault.sealed(R3, JONAS), 2),
                        new ParticipantWaitlisted(MEETING, R4, vault.sealed(R4, LEA), 3))
                .when(new ChangeCapacity(MEETING, 3, ORG))
                .expectEvents(new MeetingCapacityChanged(MEETING, 1, 3),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CAPACITY_INCREASE, null),
                        new WaitlistedParticipantPromoted(MEETING, R3, PromotionCause.CAPACITY_INCREASE, null))
                .expectResultMessagePayload(new CapacityOutcome(MEETING, 3, new MovedUp(List.of(R2, R3), List.of()), 7));
    }

    @Test
    void growingCapacityBeyondWaitingListLeavesSeatsFree() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1))
                .when(new ChangeCapacity(MEETING, 10, ORG))
                .expectEvents(new MeetingCapacityChanged(MEETING, 1, 10),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CAPACITY_INCREASE, null))
                .expectResultMessagePayload(new CapacityOutcome(MEETING, 10, new MovedUp(List.of(R2), List.of()), 4));
    }

    @Test
    void shrinkingCapacityDownToConfirmedIsAllowed() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new ChangeCapacity(MEETING, 1, ORG))
                .expectEvents(new MeetingCapacityChanged(MEETING, 5, 1))
                .expectResultMessagePayload(new CapacityOutcome(MEETING, 1, new MovedUp(List.of(), List.of()), 2));
    }

    @Test
    void cannotShrinkCapacityBelowConfirmed() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantRegistered(MEETING, R2, vault.sealed(R2, MAX)))
                .when(new ChangeCapacity(MEETING, 1, ORG))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.CAPACITY_BELOW_CONFIRMED));
    }

    @Test
    void unchangedCapacityWritesNothing() {
        fixture.given(scheduled(5))
                .when(new ChangeCapacity(MEETING, 5, ORG))
                .expectNoEvents()
                .expectResultMessagePayload(new CapacityOutcome(MEETING, 5, new MovedUp(List.of(), List.of()), 0));
    }

    @Test
    void cannotChangeCapacityOfCancelledMeeting() {
        fixture.given(scheduled(5), new MeetingCancelled(MEETING, null))
                .when(new ChangeCapacity(MEETING, 6, ORG))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEETING_CANCELLED));
    }

    @Test
    void anotherOrganisationCannotChangeCapacity() {
        fixture.given(scheduled(5))
                .when(new ChangeCapacity(MEETING, 6, "STADT-LEIPZIG"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_ORGANISER));
    }

    // closing and reopening

    @Test
    void organiserCanCloseRegistration() {
        fixture.given(scheduled(5))
                .when(new CloseRegistration(MEETING, ORG))
                .expectEvents(new RegistrationClosed(MEETING))
                .expectResultMessagePayload(1L);
    }

    @Test
    void closingClosedRegistrationAgainWritesNothing() {
        fixture.given(scheduled(5), new RegistrationClosed(MEETING))
                .when(new CloseRegistration(MEETING, ORG))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void organiserCanReopenRegistration() {
        fixture.given(scheduled(5), new RegistrationClosed(MEETING))
                .when(new ReopenRegistration(MEETING, ORG))
                .expectEvents(new RegistrationReopened(MEETING))
                .expectResultMessagePayload(2L);
    }

    @Test
    void reopeningOpenRegistrationWritesNothing() {
        fixture.given(scheduled(5))
                .when(new ReopenRegistration(MEETING, ORG))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void cannotCloseRegistrationOfCancelledMeeting() {
        fixture.given(scheduled(5), new MeetingCancelled(MEETING, null))
                .when(new CloseRegistration(MEETING, ORG))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEETING_CANCELLED));
    }

    // cancelling the meeting

    @Test
    void cancellingMeetingEndsEveryActiveRegistration() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1), new ParticipantWaitlisted(MEETING, R3, vault.sealed(R3, JONAS), 2),
                        new RegistrationCancelled(MEETING, R3, WAITLISTED, CancellationCause.REQUESTED, null))
                .when(new CancelMeeting(MEETING, "Raum fehlt", ORG))
                .expectEvents(new MeetingCancelled(MEETING, "Raum fehlt"),
                        new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.MEETING_CANCELLED, "Raum fehlt"),
                        new RegistrationCancelled(MEETING, R2, WAITLISTED, CancellationCause.MEETING_CANCELLED, "Raum fehlt"))
                .expectResultMessagePayload(7L);
    }

    @Test
    void cancellingMeetingPromotesNobody() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1), new MeetingCancelled(MEETING, null),
                        new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.MEETING_CANCELLED, null),
                        new RegistrationCancelled(MEETING, R2, WAITLISTED, CancellationCause.MEETING_CANCELLED, null))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectNoEvents()
                .expectResultMessagePayload(new CancellationOutcome(R1, new MovedUp(List.of(), List.of()), 5));
    }

    @Test
    void anotherOrganisationCannotCancelTheMeeting() {
        fixture.given(scheduled(5))
                .when(new CancelMeeting(MEETING, null, "STADT-LEIPZIG"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_ORGANISER));
    }

    @Test
    void anotherOrganisationCannotCloseOrReopenRegistration() {
        fixture.given(scheduled(5))
                .when(new CloseRegistration(MEETING, "STADT-LEIPZIG"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_ORGANISER));
    }

    @Test
    void cancellingCancelledMeetingAgainWritesNothing() {
        fixture.given(scheduled(5), new MeetingCancelled(MEETING, null))
                .when(new CancelMeeting(MEETING, "nochmal", ORG))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void retryAfterMeetingCancellationReportsCancelledRegistration() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new MeetingCancelled(MEETING, null),
                        new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.MEETING_CANCELLED, null))
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationOutcome(R1, RegistrationStatus.CANCELLED, null, 3, false));
    }

    // retention

    @Test
    void schedulingLeavesTheMomentItsPersonalDataIsErased() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, "Regionen-Workshop", null, "Meißen", STARTS_AT,
                        STARTS_AT.plus(Duration.ofHours(6)), 5, null, null, WaitingListPolicy.UNLIMITED, ORG, 30))
                .expectSuccessfulHandlerExecution();
        assertThat(retentionDeadlines).containsEntry(MEETING, STARTS_AT.plus(Duration.ofHours(6)).plus(Duration.ofDays(30)));
    }

    @Test
    void newTimesMoveTheMomentOfErasure() {
        Instant later = STARTS_AT.plus(Duration.ofDays(7));
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5))
                .when(new ChangeDetails(MEETING, null, null, null, later, null, null, null, ORG))
                .expectSuccessfulHandlerExecution();
        assertThat(retentionDeadlines).containsEntry(MEETING, later.plus(Duration.ofDays(90)));
    }

    @Test
    void atTheEndOfTheRetentionPeriodEveryRegistrationNotYetErasedIsErased() {
        fixture.givenCurrentTime(STARTS_AT.plus(Duration.ofDays(90)))
                .andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1),
                        new ParticipantRegistered(MEETING, R3, vault.sealed(R3, LEA)) /* a seat given meanwhile */,
                        new ParticipantDataErased(MEETING, R3))
                .when(new EraseAfterRetention(MEETING))
                .expectEvents(new ParticipantDataErased(MEETING, R1, ErasureCause.RETENTION),
                        new ParticipantDataErased(MEETING, R2, ErasureCause.RETENTION))
                .expectResultMessagePayload(2);
        assertThat(vault.isErased(R1)).isTrue();
        assertThat(vault.isErased(R2)).isTrue();
    }

    @Test
    void beforeTheEndOfTheRetentionPeriodNothingIsErasedAndTheRightMomentIsLeft() {
        Instant end = STARTS_AT.plus(Duration.ofDays(90));
        fixture.givenCurrentTime(end.minusSeconds(1))
                .andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new EraseAfterRetention(MEETING))
                .expectNoEvents()
                .expectResultMessagePayload(0);
        assertThat(vault.isErased(R1)).isFalse();
        assertThat(retentionDeadlines).containsEntry(MEETING, end);
    }

    @Test
    void aRetentionErasureSentAgainChangesNothing() {
        fixture.givenCurrentTime(STARTS_AT.plus(Duration.ofDays(100)))
                .andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantDataErased(MEETING, R1, ErasureCause.RETENTION))
                .when(new EraseAfterRetention(MEETING))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void organiserErasesAParticipantsDataAndTheKeyIsGone() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new EraseParticipantData(MEETING, R1, ORG, false))
                .expectEvents(new ParticipantDataErased(MEETING, R1))
                .expectResultMessagePayload(new ErasureOutcome(MEETING, R1, 2));
        assertThat(vault.isErased(R1)).isTrue();
    }

    @Test
    void operatorErasesInAMeetingOfAnyOrganisation() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new EraseParticipantData(MEETING, R1, null, true))
                .expectEvents(new ParticipantDataErased(MEETING, R1));
    }

    @Test
    void anotherOrganisationCannotErase() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)))
                .when(new EraseParticipantData(MEETING, R1, "STADT-LEIPZIG", false))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_ORGANISER));
        assertThat(vault.isErased(R1)).isFalse();
    }

    @Test
    void cannotEraseUnknownRegistration() {
        fixture.given(scheduled(5))
                .when(new EraseParticipantData(MEETING, R1, ORG, false))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_NOT_FOUND));
    }

    @Test
    void erasingAgainWritesNothing() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantDataErased(MEETING, R1))
                .when(new EraseParticipantData(MEETING, R1, ORG, false))
                .expectNoEvents()
                .expectResultMessagePayload(new ErasureOutcome(MEETING, R1, 2));
    }

    @Test
    void anErasedRegistrationKeepsItsSeatAndItsCancellationStillPromotes() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantWaitlisted(MEETING, R2, vault.sealed(R2, MAX), 1), new ParticipantDataErased(MEETING, R1))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CANCELLATION, R1));
    }

    @Test
    void afterErasureNothingRecognisesThePersonAgain() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantDataErased(MEETING, R1))
                .when(register(R2, ERIKA))
                .expectEvents(new ParticipantRegistered(MEETING, R2, vault.sealed(R2, ERIKA)));
    }

    @Test
    void aRetryAfterErasureIsRecognisedByTheEmailAlone() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new ParticipantRegistered(MEETING, R1, vault.sealed(R1, ERIKA)),
                        new ParticipantDataErased(MEETING, R1))
                .when(register(R1, new Participant("Erika M.", "erika@example.org", null)))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationOutcome(R1, CONFIRMED, null, 2, false));
    }

    // version 2: seats per registration and the group policy

    private static final Participant JANA = new Participant("Jana Krause", "jana@example.org", "Landkreis Meißen");
    private static final UUID R5 = UUID.fromString("00000000-0000-4000-8000-000000000005");

    private static MeetingScheduled scheduled(int capacity, Promotion promotion, GroupPolicy groupPolicy) {
        return scheduled(capacity, new WaitingListPolicy(true, 0, promotion, 48, groupPolicy));
    }

    private static RegisterParticipant register(UUID registrationId, Participant participant, int seats) {
        return new RegisterParticipant(MEETING, registrationId, participant, seats, true);
    }

    private ParticipantRegistered registered(UUID registrationId, Participant participant, int seats) {
        return new ParticipantRegistered(MEETING, registrationId, vault.sealed(registrationId, participant), seats, List.of());
    }

    private ParticipantWaitlisted waitlisted(UUID registrationId, Participant participant, int position, int seats) {
        return new ParticipantWaitlisted(MEETING, registrationId, vault.sealed(registrationId, participant), position, seats);
    }

    @Test
    void aGroupHoldsAsManySeatsAsItAskedFor() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5))
                .when(register(R1, ERIKA, 3))
                .expectEvents(registered(R1, ERIKA, 3))
                .expectResultMessagePayload(new RegistrationOutcome(R1, CONFIRMED, null, 1, true));
    }

    @Test
    void aGroupThatDoesNotFitIntoTheFreeSeatsWaits() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 4))
                .when(register(R2, MAX, 2))
                .expectEvents(waitlisted(R2, MAX, 1, 2))
                .expectResultMessagePayload(new RegistrationOutcome(R2, WAITLISTED, 1, 2, true));
    }

    @Test
    void underStrictOrderANewcomerQueuesBehindAWaitingGroupEvenIfItFits() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5, Promotion.AUTOMATIC, GroupPolicy.STRICT_ORDER),
                        registered(R1, ERIKA, 4), waitlisted(R2, MAX, 1, 3))
                .when(register(R3, JONAS, 1))
                .expectEvents(waitlisted(R3, JONAS, 2, 1));
    }

    @Test
    void underFillGapsANewcomerThatFitsTakesTheFreeSeatsAndRecordsWhomItPassed() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5, Promotion.AUTOMATIC, GroupPolicy.FILL_GAPS),
                        registered(R1, ERIKA, 4), waitlisted(R2, MAX, 1, 3))
                .when(register(R3, JONAS, 1))
                .expectEvents(new ParticipantRegistered(MEETING, R3, vault.sealed(R3, JONAS), 1, List.of(R2)));
    }

    @Test
    void underStrictOrderAHeadGroupThatDoesNotFitHoldsEveryoneBehindIt() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5, Promotion.AUTOMATIC, GroupPolicy.STRICT_ORDER),
                        registered(R1, ERIKA, 2), registered(R2, MAX, 3), waitlisted(R3, JONAS, 1, 3),
                        waitlisted(R4, LEA, 2, 1))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null, 2))
                .expectResultMessagePayload(new CancellationOutcome(R1, MovedUp.NOBODY, 5));
    }

    @Test
    void underFillGapsTheFirstEntriesThatFitMoveUpAndRecordWhomTheyPassed() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5, Promotion.AUTOMATIC, GroupPolicy.FILL_GAPS),
                        registered(R1, ERIKA, 2), registered(R2, MAX, 3), waitlisted(R3, JONAS, 1, 3),
                        waitlisted(R4, LEA, 2, 1), waitlisted(R5, JANA, 3, 1))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null, 2),
                        new WaitlistedParticipantPromoted(MEETING, R4, PromotionCause.CANCELLATION, R1, 1, List.of(R3)),
                        new WaitlistedParticipantPromoted(MEETING, R5, PromotionCause.CANCELLATION, R1, 1, List.of(R3)))
                .expectResultMessagePayload(new CancellationOutcome(R1, new MovedUp(List.of(R4, R5), List.of()), 8));
    }

    @Test
    void seatsGivenBackGoToTheWaitingList() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(4), registered(R1, ERIKA, 4), waitlisted(R2, MAX, 1, 1))
                .when(new GiveSeatsBack(MEETING, R1, 2))
                .expectEvents(new SeatsGivenBack(MEETING, R1, CONFIRMED, 4, 2),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.SEATS_GIVEN_BACK, R1, 1, List.of()))
                .expectResultMessagePayload(new SeatsOutcome(R1, 2, new MovedUp(List.of(R2), List.of()), 4));
    }

    @Test
    void aWaitingGroupThatGivesSeatsBackMovesUpOnceItFits() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(3), registered(R1, ERIKA, 2), waitlisted(R2, MAX, 1, 2))
                .when(new GiveSeatsBack(MEETING, R2, 1))
                .expectEvents(new SeatsGivenBack(MEETING, R2, WAITLISTED, 2, 1),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.SEATS_GIVEN_BACK, R2, 1, List.of()));
    }

    @Test
    void seatsCannotBeAddedToARegistration() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 2))
                .when(new GiveSeatsBack(MEETING, R1, 3))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.SEATS_CANNOT_GROW));
    }

    @Test
    void keepingAllSeatsChangesNothing() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 2))
                .when(new GiveSeatsBack(MEETING, R1, 2))
                .expectNoEvents()
                .expectResultMessagePayload(new SeatsOutcome(R1, 2, MovedUp.NOBODY, 1));
    }

    @Test
    void growingCapacityMovesGroupsUpInOrderAsFarAsTheyFit() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(2), registered(R1, ERIKA, 2), waitlisted(R2, MAX, 1, 2),
                        waitlisted(R3, JONAS, 2, 3))
                .when(new ChangeCapacity(MEETING, 6, ORG))
                .expectEvents(new MeetingCapacityChanged(MEETING, 2, 6),
                        new WaitlistedParticipantPromoted(MEETING, R2, PromotionCause.CAPACITY_INCREASE, null, 2, List.of()))
                .expectResultMessagePayload(new CapacityOutcome(MEETING, 6, new MovedUp(List.of(R2), List.of()), 5));
    }

    // version 2: offers

    private static final Instant DEADLINE = NOW.plus(Duration.ofHours(48));

    private static OfferMade offered(UUID registrationId, UUID vacatedBy, PromotionCause cause) {
        return new OfferMade(MEETING, registrationId, 1, DEADLINE, cause, vacatedBy, List.of());
    }

    /** R1 held the only seat and cancelled; R2 was offered it, R3 waits behind. */
    private Object[] anOpenOffer() {
        return new Object[]{scheduled(1, Promotion.OFFER, GroupPolicy.STRICT_ORDER), registered(R1, ERIKA, 1),
                waitlisted(R2, MAX, 1, 1), waitlisted(R3, JONAS, 2, 1),
                new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null, 1),
                offered(R2, R1, PromotionCause.CANCELLATION)};
    }

    @Test
    void aFreedSeatIsOfferedToTheHeadUntilADeadline() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1, Promotion.OFFER, GroupPolicy.STRICT_ORDER),
                        registered(R1, ERIKA, 1), waitlisted(R2, MAX, 1, 1))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null, 1),
                        offered(R2, R1, PromotionCause.CANCELLATION))
                .expectResultMessagePayload(new CancellationOutcome(R1, new MovedUp(List.of(), List.of(R2)), 4));
        assertThat(deadlines).containsEntry(R2, DEADLINE);
    }

    @Test
    void anOfferNeverLastsBeyondTheStart() {
        Instant shortlyBefore = STARTS_AT.minus(Duration.ofHours(10));
        fixture.givenCurrentTime(shortlyBefore).andGiven(scheduled(1, Promotion.OFFER, GroupPolicy.STRICT_ORDER),
                        registered(R1, ERIKA, 1), waitlisted(R2, MAX, 1, 1))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null, 1),
                        new OfferMade(MEETING, R2, 1, STARTS_AT, PromotionCause.CANCELLATION, R1, List.of()));
    }

    @Test
    void noOfferIsMadeFromTheStartOn() {
        fixture.givenCurrentTime(STARTS_AT).andGiven(scheduled(1, Promotion.OFFER, GroupPolicy.STRICT_ORDER),
                        registered(R1, ERIKA, 1), waitlisted(R2, MAX, 1, 1))
                .when(new CancelRegistration(MEETING, R1, null))
                .expectEvents(new RegistrationCancelled(MEETING, R1, CONFIRMED, CancellationCause.REQUESTED, null, 1));
    }

    @Test
    void acceptingInTimeConfirms() {
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer())
                .when(new AcceptOffer(MEETING, R2))
                .expectEvents(new OfferAccepted(MEETING, R2, 1))
                .expectResultMessagePayload(new OfferOutcome(R2, CONFIRMED, MovedUp.NOBODY, 6));
    }

    @Test
    void acceptingAgainAnswersAsTheFirstTime() {
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer()).andGiven(new OfferAccepted(MEETING, R2, 1))
                .when(new AcceptOffer(MEETING, R2))
                .expectNoEvents()
                .expectResultMessagePayload(new OfferOutcome(R2, CONFIRMED, MovedUp.NOBODY, 6));
    }

    @Test
    void acceptingAfterTheDeadlineIsRefused() {
        fixture.givenCurrentTime(DEADLINE).andGiven(anOpenOffer())
                .when(new AcceptOffer(MEETING, R2))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.OFFER_EXPIRED));
    }

    @Test
    void acceptingWithoutAnOpenOfferIsRefused() {
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer())
                .when(new AcceptOffer(MEETING, R3))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NO_OPEN_OFFER));
    }

    @Test
    void decliningEndsTheRegistrationAndOffersTheSeatToTheNext() {
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer())
                .when(new DeclineOffer(MEETING, R2))
                .expectEvents(new OfferDeclined(MEETING, R2, 1), offered(R3, R2, PromotionCause.OFFER_DECLINED))
                .expectResultMessagePayload(new OfferOutcome(R2, RegistrationStatus.CANCELLED,
                        new MovedUp(List.of(), List.of(R3)), 7));
    }

    @Test
    void theDeadlineEndsAnUnansweredOfferAndOffersTheSeatToTheNext() {
        Instant later = DEADLINE.plusSeconds(1);
        fixture.givenCurrentTime(later).andGiven(anOpenOffer())
                .when(new ExpireOffer(MEETING, R2))
                .expectEvents(new OfferExpired(MEETING, R2, 1, DEADLINE),
                        new OfferMade(MEETING, R3, 1, later.plus(Duration.ofHours(48)), PromotionCause.OFFER_EXPIRED, R2,
                                List.of()))
                .expectResultMessagePayload(true);
    }

    @Test
    void aDeadlineThatIsNotDueYetChangesNothing() {
        fixture.givenCurrentTime(DEADLINE.minusSeconds(1)).andGiven(anOpenOffer())
                .when(new ExpireOffer(MEETING, R2))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void theDeadlineOfAnAnsweredOfferChangesNothing() {
        fixture.givenCurrentTime(DEADLINE).andGiven(anOpenOffer()).andGiven(new OfferAccepted(MEETING, R2, 1))
                .when(new ExpireOffer(MEETING, R2))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void offeredSeatsAreNotFreeForNewcomers() {
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer())
                .when(register(R4, LEA))
                .expectEvents(new ParticipantWaitlisted(MEETING, R4, vault.sealed(R4, LEA), 2));
    }

    @Test
    void capacityCannotShrinkBelowTheConfirmedAndOfferedSeats() {
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer())
                .when(new ChangeCapacity(MEETING, 0, ORG))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.CAPACITY_BELOW_CONFIRMED));
    }

    @Test
    void cancellingAnOfferedRegistrationOffersTheSeatToTheNext() {
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer())
                .when(new CancelRegistration(MEETING, R2, null))
                .expectEvents(new RegistrationCancelled(MEETING, R2, RegistrationStatus.OFFERED, CancellationCause.REQUESTED,
                        null, 1), offered(R3, R2, PromotionCause.CANCELLATION));
    }

    // version 2: details change

    @Test
    void changingDetailsNamesWhatChanged() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5))
                .when(new ChangeDetails(MEETING, null, null, "Riesa, Stadthalle", null, null, null, null, ORG))
                .expectEvents(new MeetingDetailsChanged(MEETING, "Regionen-Workshop", "Mobilität und Coworking",
                        "Riesa, Stadthalle", STARTS_AT, null, null, null, List.of("location")))
                .expectResultMessagePayload(new DetailsOutcome(MEETING, List.of("location"), MovedUp.NOBODY, 1));
    }

    @Test
    void detailsAsTheyAreChangeNothing() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5))
                .when(new ChangeDetails(MEETING, "Regionen-Workshop", null, "Meißen", STARTS_AT, null, null, null, ORG))
                .expectNoEvents()
                .expectResultMessagePayload(new DetailsOutcome(MEETING, List.of(), MovedUp.NOBODY, 0));
    }

    @Test
    void detailsWhoseTimesContradictEachOtherAreRefused() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5))
                .when(new ChangeDetails(MEETING, null, null, null, null, STARTS_AT.minusSeconds(60), null, null, ORG))
                .expectNoEvents()
                .expectException(InconsistentTimes.class);
    }

    @Test
    void theRegistrationWindowFollowsTheNewTimesAtOnce() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), new MeetingDetailsChanged(MEETING, "Regionen-Workshop",
                        "Mobilität und Coworking", "Meißen", STARTS_AT, null, null, NOW, List.of("registrationClosesAt")))
                .when(register(R1, ERIKA))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.REGISTRATION_CLOSED));
    }

    @Test
    void anEarlierStartShortensTheOpenOffersDeadlines() {
        Instant earlierStart = NOW.plus(Duration.ofHours(5));
        fixture.givenCurrentTime(NOW).andGiven(anOpenOffer())
                .when(new ChangeDetails(MEETING, null, null, null, earlierStart, null, null, null, ORG))
                .expectEvents(new MeetingDetailsChanged(MEETING, "Regionen-Workshop", "Mobilität und Coworking",
                        "Meißen", earlierStart, null, null, null, List.of("startsAt")));
        assertThat(deadlines).containsEntry(R2, earlierStart);
    }

    @Test
    void anOfferExpiresAtAnEarlierStart() {
        Instant earlierStart = NOW.plus(Duration.ofHours(5));
        fixture.givenCurrentTime(earlierStart).andGiven(anOpenOffer()).andGiven(new MeetingDetailsChanged(MEETING,
                        "Regionen-Workshop", "Mobilität und Coworking", "Meißen", earlierStart, null, null, null,
                        List.of("startsAt")))
                .when(new ExpireOffer(MEETING, R2))
                .expectEvents(new OfferExpired(MEETING, R2, 1, earlierStart));
    }

    @Test
    void onlyTheOrganiserChangesDetails() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5))
                .when(new ChangeDetails(MEETING, "Anders", null, null, null, null, null, null, "STADT-LEIPZIG"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_ORGANISER));
    }

    // attendance

    @Test
    void aConfirmedRegistrationIsCheckedInWithItsSeats() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 2))
                .when(new CheckIn(MEETING, R1, ORG))
                .expectEvents(new AttendanceRecorded(MEETING, R1, 2, NOW))
                .expectResultMessagePayload(new AttendanceOutcome(R1, NOW, 2));
    }

    @Test
    void aRepeatedCheckInChangesNothingAndAnswersTheFirstTime() {
        Instant earlier = NOW.minusSeconds(90);
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 1),
                        new AttendanceRecorded(MEETING, R1, 1, earlier))
                .when(new CheckIn(MEETING, R1, ORG))
                .expectNoEvents()
                .expectResultMessagePayload(new AttendanceOutcome(R1, earlier, 2));
    }

    @Test
    void onlyAConfirmedRegistrationIsCheckedIn() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(1), registered(R1, ERIKA, 1), waitlisted(R2, MAX, 1, 1))
                .when(new CheckIn(MEETING, R2, ORG))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_CONFIRMED));
    }

    @Test
    void aCheckInIsUndoneOnceAndAnUndoneOneStaysUndone() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 1),
                        new AttendanceRecorded(MEETING, R1, 1, NOW))
                .when(new UndoCheckIn(MEETING, R1, ORG))
                .expectEvents(new AttendanceWithdrawn(MEETING, R1, 1))
                .expectResultMessagePayload(new AttendanceOutcome(R1, null, 3));
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 1))
                .when(new UndoCheckIn(MEETING, R1, ORG))
                .expectNoEvents();
    }

    @Test
    void onlyTheOrganiserChecksIn() {
        fixture.givenCurrentTime(NOW).andGiven(scheduled(5), registered(R1, ERIKA, 1))
                .when(new CheckIn(MEETING, R1, "STADT-LEIPZIG"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.NOT_ORGANISER));
    }
}
