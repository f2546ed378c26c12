package de.participation.query.meeting;

import de.participation.query.web.MeetingDataRead;
import de.participation.query.web.WaitsForMinSequence;
import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.Refusal;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.events.RegistrationStatus;
import de.participation.query.personaldata.OpenedParticipants;
import de.participation.query.personaldata.ParticipantOpener;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.ReadModelStore;
import de.participation.query.registration.RegistrationView;
import de.participation.query.web.NotFoundException;
import de.participation.web.Page;
import de.participation.query.web.ReadYourWrites;
import de.participation.query.web.Viewer;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Meetings, their registrations and waiting lists, as projected. */
@RestController
@RequestMapping("/api/v1/meetings")
@Tag(name = "Meetings", description = "Meetings, their registrations and waiting lists, as projected")
@MeetingDataRead
class MeetingQueryController {

    /** The right-hand side of every calendar entry's UID: it names this portal and never changes. */
    private static final String CALENDAR_UID_DOMAIN = "beteiligung.participation.de";

    private final LiveReadModels readModels;
    private final ReadYourWrites readYourWrites;
    private final ParticipantOpener participants;
    private final Clock clock;

    MeetingQueryController(LiveReadModels readModels, ReadYourWrites readYourWrites, ParticipantOpener participants,
                           Clock clock) {
        this.readModels = readModels;
        this.readYourWrites = readYourWrites;
        this.participants = participants;
        this.clock = clock;
    }

    @Operation(summary = "The meetings", description = "Ordered by `startsAt`: an organiser's organisation's, an "
            + "operator's all. Paged: `?offset=&limit=` (at most 1000, default 500), with `X-Total-Count` and `Link: rel=\"next\"`.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.ORGANISER, Roles.OPERATOR})
    @GetMapping
    ResponseEntity<List<MeetingSummary>> meetings(
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset,
            @RequestParam(defaultValue = "" + Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        Page page = new Page(offset, limit);
        Viewer viewer = Viewer.current();
        ReadModelStore.MeetingPage meetings = viewer.meetings(readModels.live(), page.offset(), page.limit());
        return page.response(meetings.meetings().stream().map(meeting -> MeetingSummary.of(meeting, clock)).toList(),
                meetings.total());
    }

    @Operation(summary = "A meeting's summary", description = "Organisers: their own organisation's meetings "
            + "(others are not found); operators: every meeting.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.ORGANISER, Roles.OPERATOR})
    @WaitsForMinSequence
    @GetMapping("/{meetingId}")
    MeetingSummary meeting(@PathVariable UUID meetingId,
                           @RequestParam(required = false) @PositiveOrZero Long minSequence) {
        Viewer viewer = Viewer.current();
        return readYourWrites.meeting(meetingId, minSequence)
                .filter(viewer::sees)
                .map(meeting -> MeetingSummary.of(meeting, clock))
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
    }

    /**
     * The meeting for a calendar (RFC 5545): for the portal, to hand to participants, and for the
     * viewers of the meeting.
     */
    @Operation(summary = "The meeting as an iCalendar entry", description = "RFC 5545: a UID that never changes, a "
            + "`SEQUENCE` that grows with every details change, `STATUS:CANCELLED` once cancelled.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @GetMapping(value = "/{meetingId}/calendar.ics", produces = CalendarEntry.MEDIA_TYPE)
    ResponseEntity<String> calendar(@PathVariable UUID meetingId) {
        Viewer viewer = Viewer.current();
        MeetingReadModel meeting = readModels.live().meeting(meetingId)
                .filter(found -> viewer.portal() || viewer.sees(found))
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + meetingId + ".ics\"")
                .body(CalendarEntry.of(meeting, CALENDAR_UID_DOMAIN));
    }

    /**
     * In the order they arrived (with a status: those with it); the waitlisted ones are the waiting
     * list in order. Asked for as {@code text/csv}: the whole list as a file ({@link #registrationsCsv}).
     */
    @Operation(summary = "A meeting's registrations", description = "Of the organiser's own organisation's "
            + "meetings; in the order they arrived, the waitlisted ones by position. `?checkedIn=true`: the attendance "
            + "list. With `Accept: text/csv`: the whole list as a file, as `registrations.csv`. Paged: `?offset=&limit=` (at most 1000, default 500), with `X-Total-Count` and `Link: rel=\"next\"`.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @ApiResponse(responseCode = "200", description = "The registrations (JSON), or with `Accept: text/csv` the whole "
            + "list as CSV", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation =
                    RegistrationView.class))),
            @Content(mediaType = RegistrationsCsv.MEDIA_TYPE, schema = @Schema(type = "string"))})
    @Refusal(status = 503, codes = "PERSONAL_DATA_UNAVAILABLE", when = "as CSV, while the key service cannot open "
            + "personal data")
    @WaitsForMinSequence
    @GetMapping("/{meetingId}/registrations")
    ResponseEntity<List<RegistrationView>> registrations(
            @PathVariable UUID meetingId,
            @RequestParam(required = false) RegistrationStatus status,
            @RequestParam(required = false) @PositiveOrZero Long minSequence,
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset,
            @RequestParam(defaultValue = "" + Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(required = false) Boolean checkedIn,
            // OpenAPI describes content negotiation by the response's media types, not as a parameter
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            HttpServletResponse response) throws IOException {
        // chosen here rather than by a second mapping with produces = text/csv: for a client that
        // accepts */* the two mappings would be equally good, and the JSON list must stay the answer
        if (accept != null && accept.contains("text/csv")) {
            registrationsCsv(meetingId, status, checkedIn, language, response);
            return null; // written
        }
        return page(meetingAt(meetingId, minSequence), status, new Page(offset, limit));
    }

    /**
     * Every registration of the meeting (of one status, or those checked in: the attendance list)
     * as CSV, written page by page as it is read, for the meeting's organisers and for auditors.
     * The meeting is looked up and the first page's participants opened before the first byte, so
     * that an unknown meeting is a 404 and a key service that cannot open them a 503, not a cut file.
     */
    @Operation(summary = "A meeting's registrations as CSV", description = "UTF-8 with a byte order mark, a header "
            + "row, erased participants as `gelöscht` (`erased` with `Accept-Language: en`); written page by page. "
            + "`?status=` for one status, `?checkedIn=true` for the attendance list. Organisers: their own "
            + "organisation's meetings; auditors: every meeting.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.ORGANISER, Roles.AUDITOR})
    @ApiResponse(responseCode = "200", description = "The registrations as CSV",
            content = @Content(mediaType = RegistrationsCsv.MEDIA_TYPE, schema = @Schema(type = "string")))
    @Refusal(status = 503, codes = "PERSONAL_DATA_UNAVAILABLE", when = "the key service cannot open personal data")
    @GetMapping("/{meetingId}/registrations.csv")
    void registrationsCsv(@PathVariable UUID meetingId,
                          @RequestParam(required = false) RegistrationStatus status,
                          @RequestParam(required = false) Boolean checkedIn,
                          @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
                          HttpServletResponse response) throws IOException {
        Viewer viewer = Viewer.current();
        MeetingReadModel meeting = readModels.live().meeting(meetingId).filter(viewer::exports)
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
        String erased = language != null && language.toLowerCase(Locale.ROOT).startsWith("en") ? "erased" : "gelöscht";
        List<RegistrationView> page = exportPage(meeting, status, 0);
        response.setContentType(RegistrationsCsv.MEDIA_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"registrations-" + meetingId + ".csv\"");
        try (RegistrationsCsv csv = new RegistrationsCsv(response.getOutputStream(), erased)) {
            for (int offset = Page.MAX_LIMIT; !page.isEmpty(); offset += Page.MAX_LIMIT) {
                for (RegistrationView registration : page) {
                    if (checkedIn == null || checkedIn == (registration.checkedInAt() != null)) {
                        csv.write(registration);
                    }
                }
                csv.flush();
                page = exportPage(meeting, status, offset);
            }
        }
    }

    /**
     * One page of the export, with all its participants opened (an export must not leave names out
     * while the key service is down: it fails instead); empty after the last.
     */
    private List<RegistrationView> exportPage(MeetingReadModel meeting, RegistrationStatus status, int offset) {
        ReadModelStore.RegistrationPage found =
                readModels.live().registrationsOf(meeting.meetingId(), status, offset, Page.MAX_LIMIT);
        return views(meeting, found, participants.open(found.registrations()).complete());
    }

    @Operation(summary = "A meeting's waiting list", description = "The waitlisted registrations in order, of the "
            + "organiser's own organisation's meetings. Paged: `?offset=&limit=` (at most 1000, default 500), with `X-Total-Count` and `Link: rel=\"next\"`.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @WaitsForMinSequence
    @GetMapping("/{meetingId}/waiting-list")
    ResponseEntity<List<RegistrationView>> waitingList(
            @PathVariable UUID meetingId,
            @RequestParam(required = false) @PositiveOrZero Long minSequence,
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset,
            @RequestParam(defaultValue = "" + Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return page(meetingAt(meetingId, minSequence), RegistrationStatus.WAITLISTED, new Page(offset, limit));
    }

    private ResponseEntity<List<RegistrationView>> page(MeetingReadModel meeting, RegistrationStatus status, Page page) {
        ReadModelStore.RegistrationPage found =
                readModels.live().registrationsOf(meeting.meetingId(), status, page.offset(), page.limit());
        return page.response(views(meeting, found, participants.open(found.registrations())), found.total());
    }

    /** The page's registrations with their participants. */
    private static List<RegistrationView> views(MeetingReadModel meeting, ReadModelStore.RegistrationPage found,
                                                OpenedParticipants opened) {
        return found.registrations().stream()
                .map(registration -> RegistrationView.of(registration, meeting,
                        found.positions().get(registration.registrationId()), opened))
                .toList();
    }

    /** The meeting, if it exists and the viewer organises it: other organisations' meetings are not found. */
    private MeetingReadModel meetingAt(UUID meetingId, Long minSequence) {
        Viewer viewer = Viewer.current();
        return readYourWrites.meeting(meetingId, minSequence)
                .filter(viewer::organises)
                .orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
    }
}
