package de.participation.query.activity;

import de.participation.query.web.MeetingDataRead;
import de.participation.web.openapi.ApiDescription;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Meetings")
@MeetingDataRead
class ActivityController {

    /** Enough for a small chart; a meeting with a long history is thinned to this many points. */
    static final int MAX_POINTS = 200;

    private final LiveReadModels readModels;

    ActivityController(LiveReadModels readModels) {
        this.readModels = readModels;
    }

    @Operation(summary = "A meeting's seats over time", description = "For the dashboard's chart: one point per "
            + "event that changed a count, at most 200 (thinned evenly, the latest kept); no personal data. "
            + "Organisers: their own organisation's meetings; operators: every meeting.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.ORGANISER, Roles.OPERATOR})
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
