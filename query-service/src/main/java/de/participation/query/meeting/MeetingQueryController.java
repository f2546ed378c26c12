package de.participation.query.meeting;

import de.participation.events.RegistrationStatus;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.ReadModelStore;
import de.participation.query.projection.RegistrationReadModel;
import de.participation.query.registration.RegistrationView;
import de.participation.query.web.NotFoundException;
import de.participation.query.web.ReadYourWrites;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Meetings, their registrations and waiting lists, as projected. */
@RestController
@RequestMapping("/api/v1/meetings")
class MeetingQueryController {

    private final ReadModelStore store;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    MeetingQueryController(ReadModelStore store, ReadYourWrites readYourWrites, Clock clock) {
        this.store = store;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    @GetMapping
    List<MeetingSummary> meetings() {
        return store.allMeetings().stream().map(meeting -> MeetingSummary.of(meeting, clock)).toList();
    }

    @GetMapping("/{meetingId}")
    MeetingSummary meeting(@PathVariable UUID meetingId,
                           @RequestParam(required = false) @PositiveOrZero Long minSequence) {
        return MeetingSummary.of(meetingAt(meetingId, minSequence), clock);
    }

    /** Confirmed (and cancelled) by registration time, waitlisted by position. */
    @GetMapping("/{meetingId}/registrations")
    List<RegistrationView> registrations(@PathVariable UUID meetingId,
                                         @RequestParam(required = false) RegistrationStatus status,
                                         @RequestParam(required = false) @PositiveOrZero Long minSequence) {
        MeetingReadModel meeting = meetingAt(meetingId, minSequence);
        if (status == RegistrationStatus.WAITLISTED) {
            return waitingList(meeting);
        }
        return store.registrationsOf(meetingId, status == null ? null : status.name()).stream()
                .map(registration -> RegistrationView.of(registration, meeting))
                .toList();
    }

    @GetMapping("/{meetingId}/waiting-list")
    List<RegistrationView> waitingList(@PathVariable UUID meetingId,
                                       @RequestParam(required = false) @PositiveOrZero Long minSequence) {
        return waitingList(meetingAt(meetingId, minSequence));
    }

    private List<RegistrationView> waitingList(MeetingReadModel meeting) {
        List<UUID> order = meeting.waitingList();
        Map<UUID, RegistrationReadModel> registrations = store.registrations(order);
        return order.stream()
                .filter(registrations::containsKey)
                .map(id -> RegistrationView.of(registrations.get(id), meeting))
                .sorted(Comparator.comparing(RegistrationView::waitingListPosition))
                .toList();
    }

    private MeetingReadModel meetingAt(UUID meetingId, Long minSequence) {
        return readYourWrites.meeting(meetingId, minSequence)
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
    }
}
