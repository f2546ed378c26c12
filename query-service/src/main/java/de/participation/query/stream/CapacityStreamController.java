package de.participation.query.stream;

import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.web.NotFoundException;
import de.participation.query.web.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.UUID;

/**
 * Live capacity as server-sent events: {@code capacity} events carrying the meeting summary, the
 * current one at once (also after a reconnect) and then one after every change.
 */
@RestController
class CapacityStreamController {

    /** The overview stream starts with at most this many meetings, soonest first. */
    private static final int OVERVIEW_LIMIT = 1_000;

    private final LiveReadModels readModels;
    private final CapacityStreams streams;

    CapacityStreamController(LiveReadModels readModels, CapacityStreams streams) {
        this.readModels = readModels;
        this.streams = streams;
    }

    @GetMapping("/api/v1/meetings/{meetingId}/capacity/stream")
    SseEmitter meeting(@PathVariable UUID meetingId) {
        Viewer viewer = Viewer.current();
        MeetingReadModel meeting = readModels.live().meeting(meetingId).filter(viewer::sees)
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
        return streams.open(viewer, meetingId, List.of(meeting));
    }

    /** Every meeting the viewer sees: an organiser's organisation's, an operator's all. */
    @GetMapping("/api/v1/meetings/capacity/stream")
    SseEmitter overview() {
        Viewer viewer = Viewer.current();
        return streams.open(viewer, null, viewer.meetings(readModels.live(), 0, OVERVIEW_LIMIT).meetings());
    }
}
