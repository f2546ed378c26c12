package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.command.meeting.EraseParticipantData;
import de.participation.command.meeting.ErasureOutcome;
import de.participation.command.meeting.MeetingRuleViolation;
import de.participation.command.meeting.RegistrationIds;
import de.participation.web.security.Roles;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Erasure of a participant's personal data on request (GDPR Art. 17), by an organiser of the
 * registration's meeting or by an operator. Repeating it changes nothing and answers the same.
 */
@RestController
@Tag(name = "Personal data", description = "Erasure, opening sealed participants, and the data protection officer's "
        + "scans")
class ErasureController {

    private final CommandDispatcher commands;
    private final RegistrationIds registrationIds;

    ErasureController(CommandDispatcher commands, RegistrationIds registrationIds) {
        this.commands = commands;
        this.registrationIds = registrationIds;
    }

    record ErasureResponse(UUID registrationId, UUID meetingId, boolean personalDataErased, long sequence) {
    }

    @CommandType("erase-participant-data")
    @Operation(summary = "Erase a participant's personal data", description = "GDPR Art. 17: the registration keeps "
            + "its status and place, its participant is gone. Organisers: their own organisation's meetings; operators: "
            + "any. Repeating it answers the same.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.ORGANISER, Roles.OPERATOR})
    @MeetingCommand
    @PostMapping("/api/v1/registrations/{registrationId}/erasure")
    ErasureResponse erase(@PathVariable UUID registrationId, RequestOrigin origin) throws MeetingRuleViolation {
        UUID meetingId = registrationIds.meetingOf(registrationId)
                .orElseThrow(() -> new UnknownRegistrationException(registrationId));
        boolean operator = origin.hasRole(Roles.OPERATOR);
        ErasureOutcome outcome = commands.dispatch(new EraseParticipantData(meetingId, registrationId,
                operator ? null : origin.requireOrganisation(), operator), origin);
        return new ErasureResponse(registrationId, meetingId, true, outcome.sequence());
    }

    static class UnknownRegistrationException extends RuntimeException {
        UnknownRegistrationException(UUID registrationId) {
            super("No registration " + registrationId, null, false, false);
        }
    }
}
