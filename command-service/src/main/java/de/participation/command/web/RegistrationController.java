package de.participation.command.web;

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
    @PutMapping("/{registrationId}/seats")
    SeatsResponse giveSeatsBack(@PathVariable UUID meetingId, @PathVariable UUID registrationId,
                                @Valid @RequestBody SeatsRequest request, RequestOrigin origin)
            throws MeetingRuleViolation {
        SeatsOutcome outcome = commands.dispatch(new GiveSeatsBack(meetingId, registrationId, request.seats()), origin);
        return new SeatsResponse(outcome.registrationId(), outcome.seats(), outcome.movedUp().promoted(),
                outcome.movedUp().offered(), outcome.sequence());
    }

    @CommandType("accept-offer")
    @PostMapping("/{registrationId}/offer/accept")
    MovedUpResponse acceptOffer(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return answered(commands.dispatch(new AcceptOffer(meetingId, registrationId), origin));
    }

    @CommandType("decline-offer")
    @PostMapping("/{registrationId}/offer/decline")
    MovedUpResponse declineOffer(@PathVariable UUID meetingId, @PathVariable UUID registrationId, RequestOrigin origin)
            throws MeetingRuleViolation {
        return answered(commands.dispatch(new DeclineOffer(meetingId, registrationId), origin));
    }

    private static MovedUpResponse answered(OfferOutcome outcome) {
        return new MovedUpResponse(outcome.registrationId(), outcome.status(), outcome.movedUp(), outcome.sequence());
    }
}
