package de.participation.query.activity;

import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.ReadModelStore;
import de.participation.query.web.NotFoundException;
import de.participation.query.web.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * A meeting's seats over time, for whoever may read its summary (its organisers, operators):
 * numbers only, folded from the stored history on each request.
 */
@RestController
class ActivityController {

    /** Enough for a small chart; a meeting with a long history is thinned to this many points. */
    static final int MAX_POINTS = 200;

    private final LiveReadModels readModels;

    ActivityController(LiveReadModels readModels) {
        this.readModels = readModels;
    }

    @GetMapping("/api/v1/meetings/{meetingId}/activity")
    Activity activity(@PathVariable UUID meetingId) {
        ReadModelStore store = readModels.live();
        MeetingReadModel meeting = store.meeting(meetingId)
                .filter(Viewer.current()::sees)
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
        return new Activity(meetingId,
                ActivityFold.points(store.eventsUpTo(meetingId, meeting.sequence()), MAX_POINTS));
    }
}
