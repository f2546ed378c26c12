package de.participation.query.activity;

import de.participation.events.CancellationCause;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferDeclined;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.RegistrationCancelled;
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitlistedParticipantPromoted;
import de.participation.query.support.Histories;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static de.participation.events.RegistrationStatus.CONFIRMED;
import static de.participation.events.RegistrationStatus.WAITLISTED;
import static org.assertj.core.api.Assertions.assertThat;

class ActivityFoldTest {

    private static final Instant DEADLINE = Instant.parse("2099-05-22T08:00:00Z");

    private final UUID meetingId = UUID.randomUUID();
    private final UUID erika = UUID.randomUUID();
    private final UUID max = UUID.randomUUID();
    private final UUID lea = UUID.randomUUID();

    /** Each point's confirmed, waitlisted, offered and cancelled seats. */
    private static List<List<Integer>> counts(List<ActivityPoint> points) {
        return points.stream().map(point -> List.of(point.confirmed(), point.waitlisted(), point.offered(),
                point.cancelled())).toList();
    }

    @Test
    void registrationsWaitingAndCancellationsAreCountedInSeats() {
        Histories history = new Histories(meetingId).scheduled(2)
                .add(new ParticipantRegistered(meetingId, erika, Histories.sealed(erika), 2, List.of()))
                .add(new ParticipantWaitlisted(meetingId, max, Histories.sealed(max), 1, 3))
                .add(new RegistrationCancelled(meetingId, erika, CONFIRMED, CancellationCause.REQUESTED, null, 2))
                .add(new MeetingCapacityChanged(meetingId, 2, 5))
                .add(new WaitlistedParticipantPromoted(meetingId, max, PromotionCause.CANCELLATION, erika, 3, List.of()));

        List<ActivityPoint> points = ActivityFold.points(history.events(), 200);

        assertThat(counts(points)).containsExactly(
                List.of(2, 0, 0, 0), List.of(2, 3, 0, 0), List.of(0, 3, 0, 2), List.of(3, 0, 0, 2));
        assertThat(points.getFirst().at()).isEqualTo(history.events().get(1).time());
    }

    @Test
    void offersHoldSeatsUntilAcceptedDeclinedOrExpired() {
        Histories history = new Histories(meetingId).scheduled(1)
                .waitlisted(erika, 1).waitlisted(max, 2).waitlisted(lea, 3)
                .add(new OfferMade(meetingId, erika, 1, DEADLINE, PromotionCause.CAPACITY_INCREASE, null, List.of()))
                .add(new OfferAccepted(meetingId, erika, 1))
                .add(new OfferMade(meetingId, max, 1, DEADLINE, PromotionCause.CAPACITY_INCREASE, null, List.of()))
                .add(new OfferDeclined(meetingId, max, 1))
                .add(new OfferMade(meetingId, lea, 1, DEADLINE, PromotionCause.CAPACITY_INCREASE, null, List.of()))
                .add(new OfferExpired(meetingId, lea, 1, DEADLINE));

        List<ActivityPoint> points = ActivityFold.points(history.events(), 200);

        assertThat(counts(points).subList(3, 9)).containsExactly(
                List.of(0, 2, 1, 0), List.of(1, 2, 0, 0), List.of(1, 1, 1, 0), List.of(1, 1, 0, 1),
                List.of(1, 0, 1, 1), List.of(1, 0, 0, 2));
    }

    @Test
    void seatsGivenBackLowerTheCountOfTheirStatusOnly() {
        Histories history = new Histories(meetingId).scheduled(1)
                .add(new ParticipantWaitlisted(meetingId, max, Histories.sealed(max), 1, 4))
                .add(new SeatsGivenBack(meetingId, max, WAITLISTED, 4, 1));

        assertThat(counts(ActivityFold.points(history.events(), 200)).getLast()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void eventsThatChangeNoCountAddNoPoint() {
        Histories history = new Histories(meetingId).scheduled(1).registered(erika)
                .add(new MeetingCapacityChanged(meetingId, 1, 3)).erased(erika);

        assertThat(ActivityFold.points(history.events(), 200)).hasSize(1);
    }

    @Test
    void aLongHistoryIsThinnedToAtMostTheLimitKeepingTheLast() {
        Histories history = new Histories(meetingId).scheduled(1000);
        IntStream.range(0, 1001).forEach(i -> history.registered(UUID.randomUUID()));

        List<ActivityPoint> points = ActivityFold.points(history.events(), 200);

        assertThat(points).hasSizeLessThanOrEqualTo(200).hasSizeGreaterThan(150);
        assertThat(points.getLast().confirmed()).isEqualTo(1001);
        assertThat(points).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    }
}
