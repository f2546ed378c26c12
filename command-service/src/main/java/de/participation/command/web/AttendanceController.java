package de.participation.command.web;

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
class AttendanceController {

    private final CommandDispatcher commands;

    AttendanceController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @CommandType("check-in")
    @PostMapping
    AttendanceOutcome checkIn(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return commands.dispatch(new CheckIn(meetingId, registrationId, origin.requireOrganisation()), origin);
    }

    @CommandType("undo-check-in")
    @DeleteMapping
    AttendanceOutcome undo(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return commands.dispatch(new UndoCheckIn(meetingId, registrationId, origin.requireOrganisation()), origin);
    }
}
