package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.Refusal;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.command.meeting.AttendanceOutcome;
import de.participation.command.meeting.CheckIn;
import de.participation.command.meeting.MeetingRuleViolation;
import de.participation.command.meeting.UndoCheckIn;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The organisers' check-in at the door, and its undo. */
@RestController
@RequestMapping("/api/v1/meetings/{meetingId}/registrations/{registrationId}/check-in")
@Tag(name = "Attendance", description = "The organisers' check-in at the door")
class AttendanceController {

    private final CommandDispatcher commands;

    AttendanceController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @CommandType("check-in")
    @Operation(summary = "Check a registration in", description = "Of the organiser's own organisation's "
            + "meetings; only a confirmed registration. A repeated check-in changes nothing.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @Refusal(status = 409, codes = "NOT_CONFIRMED", when = "the registration is not confirmed")
    @MeetingCommand
    @PostMapping
    AttendanceOutcome checkIn(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return commands.dispatch(new CheckIn(meetingId, registrationId, origin.requireOrganisation()), origin);
    }

    @CommandType("undo-check-in")
    @Operation(summary = "Undo a check-in", description = "Of the organiser's own organisation's meetings.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.ORGANISER)
    @MeetingCommand
    @DeleteMapping
    AttendanceOutcome undo(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return commands.dispatch(new UndoCheckIn(meetingId, registrationId, origin.requireOrganisation()), origin);
    }
}
