package de.participation.query.projection;

import de.participation.events.MeetingEventEnvelope;
import de.participation.query.support.Histories;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    private Histories story() {
        return new Histories(meetingId).scheduled(1).registered(erika).waitlisted(max, 1).waitlisted(jonas, 2)
                .cancelled(erika, CONFIRMED).promoted(max, erika);
    }

    private MeetingProjector.Outcome project(List<MeetingEventEnvelope> events) {
        return new MeetingProjector(meetings, registrations).project(events);
    }

    @Test
    void foldsCountsStatusesAndWaitingListOrder() {
        project(story().events());

        MeetingReadModel meeting = meetings.get(meetingId);
        assertThat(meeting.confirmed()).isEqualTo(1);
        assertThat(meeting.waitingList()).containsExactly(jonas);
        assertThat(meeting.positionOf(jonas)).isEqualTo(1);
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
    }

    @Test
    void erasureDropsTheSealedParticipantAndKeepsStatusCountsAndOrder() {
        project(story().erased(max).erased(jonas).events());

        assertThat(registrations.get(max).sealedParticipant()).isNull();
        assertThat(registrations.get(max).personalDataErased()).isTrue();
        assertThat(registrations.get(max).status()).isEqualTo("CONFIRMED");
        assertThat(registrations.get(erika).sealedParticipant()).isEqualTo(Histories.sealed(erika).ciphertext());
        assertThat(meetings.get(meetingId).confirmed()).isEqualTo(1);
        assertThat(meetings.get(meetingId).waitingList()).containsExactly(jonas);
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

        assertThat(meetings.get(meetingId).positionOf(jonas)).isEqualTo(1);
        assertThat(meetings.get(meetingId).positionOf(max)).isNull();
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

    private String snapshot() {
        return meetings.values().stream().map(m -> m.toDocument().toJson()).toList()
                + registrations.values().stream().map(r -> r.toDocument().toJson()).sorted().toList().toString();
    }
}
