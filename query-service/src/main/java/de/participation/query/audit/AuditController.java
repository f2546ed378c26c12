package de.participation.query.audit;

import de.participation.query.web.MeetingDataRead;
import de.participation.web.openapi.ApiDescription;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.RegistrationStatus;
import de.participation.query.meeting.MeetingSummary;
import de.participation.query.personaldata.OpenedParticipants;
import de.participation.query.personaldata.ParticipantOpener;
import de.participation.query.projection.MeetingProjector;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.RegistrationReadModel;
import de.participation.query.registration.RegistrationView;
import de.participation.query.web.NotFoundException;
import de.participation.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * What auditors read: every event of a meeting or of a registration in order, a meeting as it
 * was at any instant, folded from its history by the same projector that builds the live models,
 * and a meeting's erasures.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The complete history of a meeting or a registration, and past state")
@MeetingDataRead
class AuditController {

    private final LiveReadModels readModels;
    private final AuditHistory history;
    private final ParticipantOpener participants;

    AuditController(LiveReadModels readModels, AuditHistory history, ParticipantOpener participants) {
        this.readModels = readModels;
        this.history = history;
        this.participants = participants;
    }

    @Operation(summary = "Every domain event of a meeting, in order", description = "With who asked for each "
            + "(`issuedBy`) and its `correlationId`. Paged: `?offset=&limit=` (at most 1000, default 500), with `X-Total-Count` and `Link: rel=\"next\"`.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.AUDITOR)
    @GetMapping("/meetings/{meetingId}/events")
    ResponseEntity<List<AuditEvent>> meetingHistory(
            @PathVariable UUID meetingId,
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset,
            @RequestParam(defaultValue = "" + Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        MeetingReadModel meeting = meeting(meetingId);
        long total = meeting.sequence() + 1;
        List<Long> sequences = LongStream.range(Math.min(offset, total), Math.min((long) offset + limit, total))
                .boxed().toList();
        return new Page(offset, limit).response(history.show(readModels.live().events(meetingId, sequences)), total);
    }

    @Operation(summary = "Every domain event of a registration, in order")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.AUDITOR)
    @GetMapping("/registrations/{registrationId}/events")
    List<AuditEvent> registrationHistory(@PathVariable UUID registrationId) {
        RegistrationReadModel registration = readModels.live().registration(registrationId)
                .orElseThrow(() -> new NotFoundException("No registration " + registrationId));
        return history.show(readModels.live().events(registration.meetingId(), registration.eventSequences()));
    }

    /** The meeting's erasures: how many, when, why and by whom ({@link ErasureReport}). */
    @Operation(summary = "A meeting's erasures", description = "How many, when, why and by whom.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.AUDITOR)
    @GetMapping("/meetings/{meetingId}/erasures")
    ErasureReport erasures(@PathVariable UUID meetingId) {
        MeetingReadModel meeting = meeting(meetingId);
        return ErasureReport.of(meeting, readModels.live().eventsUpTo(meetingId, meeting.sequence()));
    }

    /** Folds the history up to and including {@code asOf}; a meeting not yet scheduled then is not found. */
    @Operation(summary = "A meeting as it was at an instant", description = "The summary and its registrations "
            + "folded from the history up to and including `asOf`; a meeting not yet scheduled then is not found.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.AUDITOR)
    @GetMapping("/meetings/{meetingId}/state")
    MeetingState state(@PathVariable UUID meetingId,
                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime asOf) {
        Instant instant = asOf.toInstant();
        List<MeetingEventEnvelope> past = readModels.live().eventsUpTo(meetingId, meeting(meetingId).sequence()).stream()
                .filter(event -> !event.time().isAfter(instant))
                .toList();
        Map<UUID, MeetingReadModel> meetings = new HashMap<>();
        Map<UUID, RegistrationReadModel> registrations = new HashMap<>();
        new MeetingProjector(meetings, registrations, new HashMap<>()).project(past);
        MeetingReadModel then = meetings.get(meetingId);
        if (then == null) {
            throw new NotFoundException("Meeting " + meetingId + " was not yet scheduled at " + instant);
        }
        List<RegistrationReadModel> ordered = registrations.values().stream()
                .sorted(Comparator.comparingInt(RegistrationReadModel::arrival))
                .toList();
        OpenedParticipants opened = participants.open(ordered);
        Map<UUID, Integer> positions = new HashMap<>();
        ordered.stream().filter(registration -> RegistrationStatus.WAITLISTED.name().equals(registration.status()))
                .forEach(waiting -> positions.put(waiting.registrationId(), positions.size() + 1));
        return new MeetingState(instant, MeetingSummary.of(then, Clock.fixed(instant, ZoneOffset.UTC)),
                ordered.stream().map(registration -> RegistrationView.of(registration, then,
                        positions.get(registration.registrationId()), opened)).toList());
    }

    private MeetingReadModel meeting(UUID meetingId) {
        return readModels.live().meeting(meetingId).orElseThrow(() -> new NotFoundException("No meeting " + meetingId));
    }
}
