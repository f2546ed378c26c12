package de.participation.query.registration;

import de.participation.query.web.WaitsForMinSequence;
import de.participation.web.openapi.ApiDescription;
import de.participation.web.security.Roles;
import de.participation.query.web.MeetingDataRead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import de.participation.query.personaldata.ParticipantOpener;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.web.NotFoundException;
import de.participation.query.web.ReadYourWrites;
import de.participation.query.web.Viewer;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** One registration with its current status and waiting-list position. */
@RestController
@Tag(name = "Registrations", description = "One registration, as projected")
@MeetingDataRead
class RegistrationQueryController {

    private final ReadYourWrites readYourWrites;
    private final LiveReadModels readModels;
    private final ParticipantOpener participants;

    RegistrationQueryController(ReadYourWrites readYourWrites, LiveReadModels readModels,
                                ParticipantOpener participants) {
        this.readYourWrites = readYourWrites;
        this.readModels = readModels;
        this.participants = participants;
    }

    /**
     * {@code minSequence} refers to the registration's meeting, as in every command answer. The
     * portal reads any registration, an organiser those of their own meetings.
     */
    @Operation(summary = "One registration", description = "With its `meetingId`, `status` and "
            + "`waitingListPosition`. The portal reads any registration, an organiser those of their own "
            + "organisation's meetings (others are not found). `minSequence` refers to the registration's meeting.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER})
    @WaitsForMinSequence
    @GetMapping("/api/v1/registrations/{registrationId}")
    RegistrationView registration(@PathVariable UUID registrationId,
                                  @RequestParam(required = false) @PositiveOrZero Long minSequence) {
        Viewer viewer = Viewer.current();
        return readYourWrites.registration(registrationId, minSequence)
                .filter(found -> viewer.portal() || viewer.organises(found.meeting()))
                .map(found -> RegistrationView.of(found.registration(), found.meeting(),
                        readModels.live().waitingListPosition(found.registration()),
                        participants.open(List.of(found.registration()))))
                .orElseThrow(() -> new NotFoundException("No registration " + registrationId));
    }
}
