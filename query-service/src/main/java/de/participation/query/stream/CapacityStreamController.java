package de.participation.query.stream;

import de.participation.query.web.MeetingDataRead;
import de.participation.web.openapi.ApiDescription;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
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
@Tag(name = "Meetings")
@MeetingDataRead
class CapacityStreamController {

    /** The overview stream starts with at most this many meetings, soonest first. */
    private static final int OVERVIEW_LIMIT = 1_000;

    private final LiveReadModels readModels;
    private final CapacityStreams streams;

    CapacityStreamController(LiveReadModels readModels, CapacityStreams streams) {
        this.readModels = readModels;
        this.streams = streams;
    }

    @Operation(operationId = "meetingCapacityStream", summary = "A meeting's capacity, live", description = "Server-sent events: one `capacity` event with "
            + "the meeting summary at once, then one after every change. Organisers: their own organisation's "
            + "meetings; operators: every meeting.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.ORGANISER, Roles.OPERATOR})
    @ApiResponse(responseCode = "200", description = "The stream of `capacity` events",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping("/api/v1/meetings/{meetingId}/capacity/stream")
    SseEmitter meeting(@PathVariable UUID meetingId) {
        Viewer viewer = Viewer.current();
        MeetingReadModel meeting = readModels.live().meeting(meetingId).filter(viewer::sees)
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
        return streams.open(viewer, meetingId, List.of(meeting));
    }

    /** Every meeting the viewer sees: an organiser's organisation's, an operator's all. */
    @Operation(operationId = "capacityStream", summary = "Every meeting's capacity, live", description = "Server-sent events for the overview: "
            + "the meetings the caller sees (an organiser's organisation's, an operator's all) at once, then each "
            + "change.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.ORGANISER, Roles.OPERATOR})
    @ApiResponse(responseCode = "200", description = "The stream of `capacity` events",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping("/api/v1/meetings/capacity/stream")
    SseEmitter overview() {
        Viewer viewer = Viewer.current();
        return streams.open(viewer, null, viewer.meetings(readModels.live(), 0, OVERVIEW_LIMIT).meetings());
    }
}
