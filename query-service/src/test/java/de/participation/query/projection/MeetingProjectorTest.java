package de.participation.query.projection;

import de.participation.events.AttendanceRecorded;
import de.participation.events.AttendanceWithdrawn;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.SeatsGivenBack;
import de.participation.query.support.Histories;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static de.participation.events.RegistrationStatus.CANCELLED;
import static de.participation.events.RegistrationStatus.CONFIRMED;
import static de.participation.events.RegistrationStatus.WAITLISTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The projection as a plain function of events, without Kafka or MongoDB. */
class MeetingProjectorTest {

    private final UUID meetingId = UUID.randomUUID();
    private final UUID erika = UUID.randomUUID();
    private final UUID max = UUID.randomUUID();
    private final UUID jonas = UUID.randomUUID();
    private final Map<UUID, MeetingReadModel> meetings = new HashMap<>();
    private final Map<UUID, RegistrationReadModel> registrations = new HashMap<>();
    private final Map<String, ArrivalDocument> arrivalOrder = new HashMap<>();

    private Histories story() {
        return new Histories(meetingId).scheduled(1).registered(erika).waitlisted(max, 1).waitlisted(jonas, 2)
                .cancelled(erika, CONFIRMED).promoted(max, erika);
    }

    private MeetingProjector.Outcome project(List<MeetingEventEnvelope> events) {
        return new MeetingProjector(meetings, registrations, arrivalOrder).project(events);
    }

    @Test
    void foldsCountsStatusesAndWaitingListOrder() {
        project(story().events());

        MeetingReadModel meeting = meetings.get(meetingId);
        assertThat(meeting.confirmed()).isEqualTo(1);
        assertThat(meeting.waitlisted()).isEqualTo(1);
        assertThat(waitingList()).containsExactly(jonas);
        assertThat(meeting.sequence()).isEqualTo(5);
        assertThat(registrations.get(erika).status()).isEqualTo("CANCELLED");
        assertThat(registrations.get(max).status()).isEqualTo("CONFIRMED");
        assertThat(registrations.get(jonas).status()).isEqualTo("WAITLISTED");
    }

    @Test
    void registrationKeepsTheTimeItArrived() {
        List<MeetingEventEnvelope> events = story().events();
        project(events);

        assertThat(registrations.get(max).registeredAt()).isEqualTo(events.get(2).time());
        assertThat(registrations.get(max).updatedAt()).isEqualTo(events.get(5).time());
    }

    @Test
    void redeliveredEventsChangeNothing() {
        List<MeetingEventEnvelope> events = story().events();
        project(events);
        String before = snapshot();

        MeetingProjector.Outcome again = project(events);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(again.meetings()).isEmpty();
        assertThat(again.registrations()).isEmpty();
        assertThat(again.arrivalOrder()).isEmpty();
    }

    @Test
    void registrationsKeepTheirPlaceInArrivalOrderAndTheIndexCountsTheirStatuses() {
        project(story().events());

        ArrivalChunk chunk = (ArrivalChunk) arrivalOrder.get(ArrivalChunk.idOf(meetingId, 0));
        assertThat(chunk.entries()).containsExactly(new ArrivalChunk.Entry(erika, CANCELLED),
                new ArrivalChunk.Entry(max, CONFIRMED), new ArrivalChunk.Entry(jonas, WAITLISTED));
        ArrivalIndex index = (ArrivalIndex) arrivalOrder.get(ArrivalIndex.idOf(meetingId));
        assertThat(index.total(null)).isEqualTo(3);
        assertThat(index.total(CONFIRMED)).isEqualTo(1);
        assertThat(index.total(WAITLISTED)).isEqualTo(1);
        assertThat(index.total(CANCELLED)).isEqualTo(1);
    }

    @Test
    void theIndexFindsTheChunksThatHoldAPage() {
        Histories history = new Histories(meetingId).scheduled(1_000);
        List<UUID> arrived = new ArrayList<>();
        for (int i = 0; i < 3 * ArrivalChunk.SIZE; i++) {
            arrived.add(UUID.randomUUID());
            history.registered(arrived.getLast());
        }
        // only the first chunk has cancellations: a page of them never needs the later chunks
        history.cancelled(arrived.get(0), CONFIRMED).cancelled(arrived.get(1), CONFIRMED);
        project(history.events());
        ArrivalIndex index = (ArrivalIndex) arrivalOrder.get(ArrivalIndex.idOf(meetingId));

        assertThat(index.slice(CANCELLED, 0, 50)).isEqualTo(new ArrivalIndex.Slice(List.of(0), 0));
        assertThat(index.slice(CONFIRMED, ArrivalChunk.SIZE - 10, 20))
                .isEqualTo(new ArrivalIndex.Slice(List.of(0, 1), ArrivalChunk.SIZE - 10));
        assertThat(index.slice(null, 2 * ArrivalChunk.SIZE + 5, 10))
                .isEqualTo(new ArrivalIndex.Slice(List.of(2), 5));
        assertThat(index.slice(null, 3 * ArrivalChunk.SIZE, 10).chunks()).isEmpty();
    }

    @Test
    void erasureDropsTheSealedParticipantAndKeepsStatusCountsAndOrder() {
        project(story().erased(max).erased(jonas).events());

        assertThat(registrations.get(max).sealedParticipant()).isNull();
        assertThat(registrations.get(max).personalDataErased()).isTrue();
        assertThat(registrations.get(max).status()).isEqualTo("CONFIRMED");
        assertThat(registrations.get(erika).sealedParticipant()).isEqualTo(Histories.sealed(erika).ciphertext());
        assertThat(meetings.get(meetingId).confirmed()).isEqualTo(1);
        assertThat(meetings.get(meetingId).waitlisted()).isEqualTo(1);
        assertThat(waitingList()).containsExactly(jonas);
        assertThat(meetings.get(meetingId).sequence()).isEqualTo(7);
    }

    @Test
    void aRedeliveredArrivalDoesNotBringErasedDataBack() {
        List<MeetingEventEnvelope> events = story().erased(max).events();
        project(events);

        project(events.subList(0, 3));

        assertThat(registrations.get(max).sealedParticipant()).isNull();
    }

    @Test
    void aRegistrationProjectedBeforeSealingGetsItsSealedParticipantFromTheRepublishedHistory() {
        List<MeetingEventEnvelope> events = story().events();
        project(events);
        String projected = snapshot();
        registrations.get(max).sealedParticipant = null;

        project(events);

        assertThat(snapshot()).isEqualTo(projected);
    }

    @Test
    void leavingTheWaitingListMovesEveryoneBehindUp() {
        project(new Histories(meetingId).scheduled(1).registered(erika).waitlisted(max, 1).waitlisted(jonas, 2)
                .cancelled(max, WAITLISTED).events());

        assertThat(waitingList()).containsExactly(jonas);
        assertThat(meetings.get(meetingId).waitlisted()).isEqualTo(1);
    }

    @Test
    void eventOfAnUnknownMeetingIsRejectedWithoutStoppingOthers() {
        List<MeetingEventEnvelope> orphan = new Histories(UUID.randomUUID()).scheduled(5).registered(erika).events();
        List<MeetingEventEnvelope> batch = new ArrayList<>(orphan.subList(1, 2));
        batch.addAll(story().events());

        MeetingProjector.Outcome outcome = project(batch);

        assertThat(outcome.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("unknown meeting"));
        assertThat(meetings.get(meetingId).sequence()).isEqualTo(5);
    }

    /** The waiting list in order: the waitlisted registrations in the order they arrived. */
    private List<UUID> waitingList() {
        return ((ArrivalChunk) arrivalOrder.get(ArrivalChunk.idOf(meetingId, 0))).entries().stream()
                .filter(entry -> entry.status() == WAITLISTED).map(ArrivalChunk.Entry::registrationId).toList();
    }

    private String snapshot() {
        return meetings.values().stream().map(m -> m.toDocument().toJson()).toList()
                + registrations.values().stream().map(r -> r.toDocument().toJson()).sorted().toList().toString()
                + arrivalOrder.values().stream().map(a -> a.toDocument().toJson()).sorted().toList();
    }

    @Test
    void countsSeatsAndKeepsOffersWithTheirDeadlines() {
        Instant deadline = Instant.parse("2030-05-22T08:00:00Z");
        Histories history = new Histories(meetingId).scheduled(4)
                .add(new ParticipantRegistered(meetingId, erika, Histories.sealed(erika), 3, List.of()))
                .add(new ParticipantWaitlisted(meetingId, max, Histories.sealed(max), 1, 2))
                .add(new ParticipantWaitlisted(meetingId, jonas, Histories.sealed(jonas), 2, 1))
                .add(new SeatsGivenBack(meetingId, erika, CONFIRMED, 3, 2))
                .add(new OfferMade(meetingId, max, 2, deadline, PromotionCause.SEATS_GIVEN_BACK, erika, List.of()));

        project(history.events());

        MeetingReadModel meeting = meetings.get(meetingId);
        assertThat(meeting.confirmed()).isEqualTo(2);
        assertThat(meeting.offered()).isEqualTo(2);
        assertThat(meeting.waitlisted()).isEqualTo(1);
        assertThat(registrations.get(erika).seats()).isEqualTo(2);
        assertThat(registrations.get(max).status()).isEqualTo("OFFERED");
        assertThat(registrations.get(max).offerExpiresAt()).isEqualTo(deadline);
        assertThat(waitingList()).containsExactly(jonas);
    }

    @Test
    void anAcceptedOfferConfirmsItsSeatsAndAnExpiredOneFreesThem() {
        Instant deadline = Instant.parse("2030-05-22T08:00:00Z");
        Histories history = new Histories(meetingId).scheduled(1).registered(erika).waitlisted(max, 1)
                .waitlisted(jonas, 2).cancelled(erika, CONFIRMED)
                .add(new OfferMade(meetingId, max, 1, deadline, PromotionCause.CANCELLATION, erika, List.of()))
                .add(new OfferExpired(meetingId, max, 1, deadline))
                .add(new OfferMade(meetingId, jonas, 1, deadline, PromotionCause.OFFER_EXPIRED, max, List.of()))
                .add(new OfferAccepted(meetingId, jonas, 1));

        project(history.events());

        MeetingReadModel meeting = meetings.get(meetingId);
        assertThat(meeting.confirmed()).isEqualTo(1);
        assertThat(meeting.offered()).isZero();
        assertThat(meeting.waitlisted()).isZero();
        assertThat(registrations.get(max).status()).isEqualTo("CANCELLED");
        assertThat(registrations.get(jonas).status()).isEqualTo("CONFIRMED");
        assertThat(registrations.get(jonas).offerExpiresAt()).isNull();
    }

    @Test
    void aDetailsChangeTakesTheNewDetailsAndCountsTheChanges() {
        Instant later = Instant.parse("2099-06-04T08:00:00Z");
        Histories history = new Histories(meetingId).scheduled(5)
                .add(new MeetingDetailsChanged(meetingId, "Regionen-Workshop", null, "Riesa, Stadthalle", later, null,
                        null, null, List.of("location", "startsAt")));

        project(history.events());

        MeetingReadModel meeting = meetings.get(meetingId);
        assertThat(meeting.location()).isEqualTo("Riesa, Stadthalle");
        assertThat(meeting.startsAt()).isEqualTo(later);
        assertThat(meeting.detailsChanges()).isEqualTo(1);
    }

    @Test
    void checkInsCountTheSeatsPresentAndAnUndoneOneNoLonger() {
        Instant atTheDoor = Instant.parse("2099-06-03T07:55:00Z");
        Histories history = new Histories(meetingId).scheduled(5)
                .add(new ParticipantRegistered(meetingId, erika, Histories.sealed(erika), 3, List.of()))
                .add(new ParticipantRegistered(meetingId, max, Histories.sealed(max), 1, List.of()))
                .add(new AttendanceRecorded(meetingId, erika, 3, atTheDoor))
                .add(new AttendanceRecorded(meetingId, max, 1, atTheDoor))
                .add(new SeatsGivenBack(meetingId, erika, CONFIRMED, 3, 2))
                .add(new AttendanceWithdrawn(meetingId, max, 1));

        project(history.events());

        assertThat(meetings.get(meetingId).checkedIn()).isEqualTo(2);
        assertThat(registrations.get(erika).checkedInAt()).isEqualTo(atTheDoor);
        assertThat(registrations.get(max).checkedInAt()).isNull();
    }
}
