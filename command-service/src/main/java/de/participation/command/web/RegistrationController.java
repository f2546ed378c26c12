package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.command.meeting.AcceptOffer;
import de.participation.command.meeting.CancelRegistration;
import de.participation.command.meeting.CancellationOutcome;
import de.participation.command.meeting.DeclineOffer;
import de.participation.command.meeting.GiveSeatsBack;
import de.participation.command.meeting.MeetingRuleViolation;
import de.participation.command.meeting.MovedUp;
import de.participation.command.meeting.OfferOutcome;
import de.participation.command.meeting.RegisterParticipant;
import de.participation.command.meeting.RegistrationOutcome;
import de.participation.command.meeting.SeatsOutcome;
import de.participation.events.Participant;
import de.participation.events.RegistrationStatus;
import de.participation.web.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The portal's commands: register (or join the waiting list) and cancel. */
@RestController
@RequestMapping("/api/v1/meetings/{meetingId}/registrations")
@Tag(name = "Registrations", description = "The portal's commands on a registration")
class RegistrationController {

    /** The end user's address as the portal forwards it, for the per-address rate limit. */
    static final String END_USER_ADDRESS = "X-End-User-Address";

    private final CommandDispatcher commands;
    private final RegistrationRateLimiter rateLimiter;

    RegistrationController(CommandDispatcher commands, RegistrationRateLimiter rateLimiter) {
        this.commands = commands;
        this.rateLimiter = rateLimiter;
    }

    record RegistrationResponse(UUID registrationId, RegistrationStatus status, Integer waitingListPosition,
                                long sequence) {
    }

    /** A registration's status after a command that may free seats, and who moved up into them, in order. */
    record MovedUpResponse(UUID registrationId, RegistrationStatus status, List<UUID> promoted, List<UUID> offered,
                           long sequence) {

        MovedUpResponse(UUID registrationId, RegistrationStatus status, MovedUp movedUp, long sequence) {
            this(registrationId, status, movedUp.promoted(), movedUp.offered(), sequence);
        }
    }

    /** The seats a registration keeps, and who moved up into those it gave back, in order. */
    record SeatsResponse(UUID registrationId, int seats, List<UUID> promoted, List<UUID> offered, long sequence) {
    }

    @CommandType("register")
    @Operation(summary = "Register, or join the waiting list", description = "The portal chooses "
            + "`registrationId`, so that a retried request is recognised. It forwards the end user's address in "
            + "`X-End-User-Address` for the per-address rate limit.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.PORTAL)
    @ApiResponse(responseCode = "201", description = "`CONFIRMED`, or `WAITLISTED` with its position")
    @ApiResponse(responseCode = "200", description = "The same `registrationId` and data again: the current outcome, "
            + "nothing changed")
    @Refusal(status = 409, codes = "MEETING_CANCELLED", when = "the meeting was cancelled")
    @Refusal(status = 409, codes = "REGISTRATION_NOT_OPEN", when = "the registration window has not opened yet")
    @Refusal(status = 409, codes = "REGISTRATION_CLOSED", when = "the organiser closed registration, its window "
            + "ended, or the meeting has started")
    @Refusal(status = 409, codes = "REGISTRATION_ID_CONFLICT", when = "the `registrationId` is taken, with other "
            + "data or at another meeting")
    @Refusal(status = 409, codes = "ALREADY_REGISTERED", when = "the person (by email) already holds an active "
            + "registration for the meeting; `registrationId` names it")
    @Refusal(status = 409, codes = "MEETING_FULL", when = "the seats asked for are not free, and the waiting list is "
            + "off or not wanted (`joinWaitingListIfFull: false`)")
    @Refusal(status = 409, codes = "WAITING_LIST_FULL", when = "no seats are free and the waiting list has reached "
            + "its limit")
    @Refusal(status = 429, codes = "RATE_LIMITED", when = "more registrations than allowed for one participant "
            + "email or one end-user address")
    @MeetingCommand
    @PostMapping
    ResponseEntity<RegistrationResponse> register(@PathVariable UUID meetingId,
                                                  @Valid @RequestBody RegisterParticipantRequest request,
                                                  @RequestHeader(value = END_USER_ADDRESS, required = false)
                                                  @Size(max = 64) String endUserAddress,
                                                  RequestOrigin origin) throws MeetingRuleViolation {
        var participant = request.participant();
        rateLimiter.admit(participant.email(), Text.optional(endUserAddress));
        RegistrationOutcome outcome = commands.dispatch(new RegisterParticipant(meetingId, request.registrationId(),
                new Participant(participant.name(), participant.email(),
                        Text.optional(participant.organisation())),
                Objects.requireNonNullElse(request.seats(), 1), !Boolean.FALSE.equals(request.joinWaitingListIfFull())),
                origin);
        RegistrationResponse body = new RegistrationResponse(outcome.registrationId(), outcome.status(),
                outcome.waitingListPosition(), outcome.sequence());
        return outcome.created()
                ? ResponseEntity.created(URI.create("/api/v1/registrations/" + outcome.registrationId())).body(body)
                : ResponseEntity.ok(body);
    }

    @CommandType("cancel-registration")
    @Operation(operationId = "cancelRegistration", summary = "Cancel a registration", description = "Cancelling a waitlisted registration is "
            + "leaving the waiting list; the freed seats move the next up (`promoted`, `offered`). Cancelling again "
            + "answers the same. Organisers: their own organisation's meetings (the dashboard, for someone who "
            + "called off).")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER})
    @MeetingCommand
    @PostMapping("/{registrationId}/cancel")
    MovedUpResponse cancel(@PathVariable UUID meetingId, @PathVariable UUID registrationId,
                           @Valid @RequestBody(required = false) ReasonRequest request,
                           RequestOrigin origin) throws MeetingRuleViolation {
        String reason = Text.optional((request == null ? ReasonRequest.NONE : request).reason());
        String organisation = origin.hasRole(Roles.PORTAL) ? null : origin.requireOrganisation();
        CancellationOutcome outcome = commands.dispatch(new CancelRegistration(meetingId, registrationId, reason,
                organisation), origin);
        return new MovedUpResponse(outcome.registrationId(), RegistrationStatus.CANCELLED, outcome.movedUp(),
                outcome.sequence());
    }

    @CommandType("give-seats-back")
    @Operation(summary = "Give seats back", description = "Seats are lowered, never raised; the freed seats "
            + "move the next up.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.PORTAL)
    @Refusal(status = 409, codes = "SEATS_CANNOT_GROW", when = "more seats than the registration holds")
    @Refusal(status = 409, codes = "REGISTRATION_CANCELLED", when = "the registration was cancelled")
    @MeetingCommand
    @PutMapping("/{registrationId}/seats")
    SeatsResponse giveSeatsBack(@PathVariable UUID meetingId, @PathVariable UUID registrationId,
                                @Valid @RequestBody SeatsRequest request, RequestOrigin origin)
            throws MeetingRuleViolation {
        SeatsOutcome outcome = commands.dispatch(new GiveSeatsBack(meetingId, registrationId, request.seats()), origin);
        return new SeatsResponse(outcome.registrationId(), outcome.seats(), outcome.movedUp().promoted(),
                outcome.movedUp().offered(), outcome.sequence());
    }

    @CommandType("accept-offer")
    @Operation(summary = "Accept an offer", description = "Confirms the offered seats; accepting again answers "
            + "the same.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.PORTAL)
    @Refusal(status = 409, codes = "OFFER_EXPIRED", when = "the offer's deadline has passed")
    @Refusal(status = 409, codes = "NO_OPEN_OFFER", when = "the registration has no open offer")
    @MeetingCommand
    @PostMapping("/{registrationId}/offer/accept")
    MovedUpResponse acceptOffer(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return answered(commands.dispatch(new AcceptOffer(meetingId, registrationId), origin));
    }

    @CommandType("decline-offer")
    @Operation(summary = "Decline an offer", description = "Ends the registration; the seats are offered to the "
            + "next in line.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.PORTAL)
    @Refusal(status = 409, codes = "OFFER_EXPIRED", when = "the offer's deadline has passed")
    @Refusal(status = 409, codes = "NO_OPEN_OFFER", when = "the registration has no open offer")
    @MeetingCommand
    @PostMapping("/{registrationId}/offer/decline")
    MovedUpResponse declineOffer(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return answered(commands.dispatch(new DeclineOffer(meetingId, registrationId), origin));
    }

    private static MovedUpResponse answered(OfferOutcome outcome) {
        return new MovedUpResponse(outcome.registrationId(), outcome.status(), outcome.movedUp(), outcome.sequence());
    }
}
