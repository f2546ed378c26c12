package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.Refusal;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.command.meeting.CancelMeeting;
import de.participation.command.meeting.CapacityOutcome;
import de.participation.command.meeting.ChangeCapacity;
import de.participation.command.meeting.ChangeDetails;
import de.participation.command.meeting.CloseRegistration;
import de.participation.command.meeting.DetailsOutcome;
import de.participation.command.meeting.MeetingRuleViolation;
import de.participation.command.meeting.ReopenRegistration;
import de.participation.command.meeting.ScheduleMeeting;
import de.participation.command.meeting.ScheduleOutcome;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitingListPolicy.GroupPolicy;
import de.participation.events.WaitingListPolicy.Promotion;
import de.participation.command.retention.RetentionProperties;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The organisers' commands on a meeting. */
@RestController
@RequestMapping("/api/v1/meetings")
@Tag(name = "Meetings", description = "The organisers' commands on a meeting")
class MeetingController {

    private final CommandDispatcher commands;
    private final RetentionProperties retention;

    MeetingController(CommandDispatcher commands, RetentionProperties retention) {
        this.commands = commands;
        this.retention = retention;
    }

    record MeetingSequence(UUID meetingId, long sequence) {
    }

    @CommandType("schedule-meeting")
    @Operation(summary = "Schedule a meeting", description = "For the organiser's organisation. `meetingId` is "
            + "optional: chosen by the caller, it makes the request idempotent.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @ApiResponse(responseCode = "201", description = "Scheduled, with `Location`")
    @ApiResponse(responseCode = "200", description = "Scheduled before with the same `meetingId` and details: "
            + "the same body, nothing changed")
    @Refusal(status = 409, codes = "MEETING_ID_CONFLICT", when = "the `meetingId` was scheduled with other details")
    @MeetingCommand
    @PostMapping
    ResponseEntity<MeetingSequence> schedule(@Valid @RequestBody ScheduleMeetingRequest request, RequestOrigin origin)
            throws MeetingRuleViolation {
        UUID meetingId = request.meetingId() != null ? request.meetingId() : UUID.randomUUID();
        ScheduleOutcome outcome = commands.dispatch(new ScheduleMeeting(meetingId, request.title(),
                Text.optional(request.description()), request.location(),
                request.startsAt().toInstant(), instant(request.endsAt()), request.capacity(),
                instant(request.registrationOpensAt()), instant(request.registrationClosesAt()),
                waitingList(request.waitingList()), origin.requireOrganisation(),
                request.retentionDays() != null ? request.retentionDays() : retention.defaultDays()), origin);
        MeetingSequence body = new MeetingSequence(outcome.meetingId(), outcome.sequence());
        return outcome.created()
                ? ResponseEntity.created(URI.create("/api/v1/meetings/" + meetingId)).body(body)
                : ResponseEntity.ok(body);
    }

    record CapacityResponse(UUID meetingId, int capacity, List<UUID> promoted, List<UUID> offered, long sequence) {
    }

    record DetailsResponse(UUID meetingId, List<String> changed, List<UUID> promoted, List<UUID> offered,
                           long sequence) {
    }

    @CommandType("change-capacity")
    @Operation(summary = "Change a meeting's capacity", description = "Of the organiser's own organisation's "
            + "meetings. Growing it moves waitlisted registrations up into the new seats, in order.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @Refusal(status = 409, codes = "MEETING_CANCELLED", when = "the meeting was cancelled")
    @Refusal(status = 409, codes = "CAPACITY_BELOW_CONFIRMED", when = "below the confirmed and offered seats")
    @MeetingCommand
    @PutMapping("/{meetingId}/capacity")
    CapacityResponse changeCapacity(@PathVariable UUID meetingId, @Valid @RequestBody ChangeCapacityRequest request,
                                    RequestOrigin origin) throws MeetingRuleViolation {
        CapacityOutcome outcome = commands.dispatch(new ChangeCapacity(meetingId, request.capacity(),
                origin.requireOrganisation()), origin);
        return new CapacityResponse(outcome.meetingId(), outcome.capacity(), outcome.movedUp().promoted(),
                outcome.movedUp().offered(), outcome.sequence());
    }

    /** Fields left out stay as they are; the times must still agree with each other. */
    @CommandType("change-details")
    @Operation(summary = "Change a meeting's details", description = "Of the organiser's own organisation's "
            + "meetings; any subset of the fields. The times must still agree with each other (else 400, naming "
            + "the field).")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @Refusal(status = 409, codes = "MEETING_CANCELLED", when = "the meeting was cancelled")
    @MeetingCommand
    @PutMapping("/{meetingId}/details")
    DetailsResponse changeDetails(@PathVariable UUID meetingId, @Valid @RequestBody ChangeDetailsRequest request,
                                  RequestOrigin origin) throws MeetingRuleViolation {
        DetailsOutcome outcome = commands.dispatch(new ChangeDetails(meetingId, request.title(), request.description(),
                request.location(), instant(request.startsAt()), instant(request.endsAt()),
                instant(request.registrationOpensAt()), instant(request.registrationClosesAt()),
                origin.requireOrganisation()), origin);
        return new DetailsResponse(outcome.meetingId(), outcome.changed(), outcome.movedUp().promoted(),
                outcome.movedUp().offered(), outcome.sequence());
    }

    @CommandType("close-registration")
    @Operation(summary = "Close registration", description = "Of the organiser's own organisation's meetings.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @Refusal(status = 409, codes = "MEETING_CANCELLED", when = "the meeting was cancelled")
    @MeetingCommand
    @PostMapping("/{meetingId}/registration/close")
    MeetingSequence closeRegistration(@PathVariable UUID meetingId, RequestOrigin origin) throws MeetingRuleViolation {
        long sequence = commands.dispatch(new CloseRegistration(meetingId, origin.requireOrganisation()), origin);
        return new MeetingSequence(meetingId, sequence);
    }

    @CommandType("reopen-registration")
    @Operation(summary = "Reopen registration", description = "Of the organiser's own organisation's meetings.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @Refusal(status = 409, codes = "MEETING_CANCELLED", when = "the meeting was cancelled")
    @MeetingCommand
    @PostMapping("/{meetingId}/registration/open")
    MeetingSequence reopenRegistration(@PathVariable UUID meetingId, RequestOrigin origin) throws MeetingRuleViolation {
        long sequence = commands.dispatch(new ReopenRegistration(meetingId, origin.requireOrganisation()), origin);
        return new MeetingSequence(meetingId, sequence);
    }

    @CommandType("cancel-meeting")
    @Operation(operationId = "cancelMeeting", summary = "Cancel a meeting", description = "Of the organiser's own organisation's meetings; "
            + "every active registration ends with it. Cancelling again changes nothing.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @MeetingCommand
    @PostMapping("/{meetingId}/cancel")
    MeetingSequence cancel(@PathVariable UUID meetingId, @Valid @RequestBody(required = false) ReasonRequest request,
                           RequestOrigin origin) throws MeetingRuleViolation {
        String reason = Text.optional((request == null ? ReasonRequest.NONE : request).reason());
        long sequence = commands.dispatch(new CancelMeeting(meetingId, reason, origin.requireOrganisation()), origin);
        return new MeetingSequence(meetingId, sequence);
    }

    private static WaitingListPolicy waitingList(ScheduleMeetingRequest.WaitingListRequest request) {
        if (request == null) {
            return WaitingListPolicy.UNLIMITED;
        }
        return new WaitingListPolicy(request.enabled(), request.limit() == null ? 0 : request.limit(),
                Objects.requireNonNullElse(request.promotion(), Promotion.AUTOMATIC),
                Objects.requireNonNullElse(request.offerHours(), WaitingListPolicy.DEFAULT_OFFER_HOURS),
                Objects.requireNonNullElse(request.groupPolicy(), GroupPolicy.STRICT_ORDER));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
