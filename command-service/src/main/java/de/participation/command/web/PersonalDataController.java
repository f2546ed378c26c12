package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.command.personaldata.KeyService;
import de.participation.command.privacy.ScanTrail;
import de.participation.events.Participant;
import de.participation.web.FieldProblem;
import de.participation.web.privacy.ScanTrailEntry;
import de.participation.web.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens sealed participants for a reader allowed to see them: the keys never leave this service.
 * The query service calls it with its caller's own token, so the portal, organisers (for their own
 * organisation's meetings only) and auditors read personal data, and nobody else. An erased
 * registration has no key any more and comes back as {@code erased}.
 */
@RestController
@Tag(name = "Personal data")
class PersonalDataController {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataController.class);

    static final String PATH = "/api/v1/personal-data/open";
    static final int MAX_MEETINGS = 1_000;
    static final int MAX_REGISTRATIONS = 1_000;
    private static final int MAX_CIPHERTEXT = 4_096;
    /** Room for a full page of the read API with the largest participants allowed. */
    static final long MAX_BODY_BYTES = MAX_REGISTRATIONS * (MAX_CIPHERTEXT + 100L);

    private final KeyService keyService;
    private final ScanTrail trail;

    PersonalDataController(KeyService keyService, ScanTrail trail) {
        this.keyService = keyService;
        this.trail = trail;
    }

    record SealedRegistration(@NotNull UUID registrationId, @NotBlank @Size(max = MAX_CIPHERTEXT) String ciphertext) {
    }

    record OpenRequest(@NotNull @Size(max = MAX_REGISTRATIONS) List<@NotNull @Valid SealedRegistration> registrations) {
    }

    record OpenedRegistration(UUID registrationId, Participant participant, boolean erased) {
    }

    record OpenResponse(List<OpenedRegistration> registrations) {
    }

    record EmailHashesRequest(@NotBlank @Email @Size(max = 254) String email,
                              @NotNull @Size(max = MAX_MEETINGS) Set<@NotNull UUID> meetingIds) {
    }

    record EmailHashesResponse(Map<UUID, String> hashes) {
    }

    /**
     * For the data protection officer's scan of a store this service cannot read: the hashes by which
     * the key service would recognise {@code email} in each meeting. After an erasure they are found
     * nowhere. Who asked is recorded in the {@link ScanTrail} (never the address).
     */
    @Operation(summary = "The hashes by which an email is recognised in each meeting", description = "For the "
            + "data protection officer's scan of the read models; recorded in the scan trail (never the address).")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.DATA_PROTECTION)
    @PostMapping("/api/v1/personal-data/email-hashes")
    EmailHashesResponse emailHashes(@Valid @RequestBody EmailHashesRequest request, @AuthenticationPrincipal Jwt caller,
                                    RequestOrigin origin) {
        trail.record(caller, ScanTrailEntry.EMAIL_HASHES, request.email());
        log.info("Email hashes for a scan, asked by {} (correlation id {})", origin.issuedBy(), origin.correlationId());
        return new EmailHashesResponse(keyService.emailHashes(request.email(), request.meetingIds()));
    }

    @Operation(summary = "Open sealed participants", description = "The query service's call, with its reader's "
            + "token: organisers only their own organisation's registrations. An erased registration comes back as "
            + "`erased`.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.AUDITOR})
    @Refusal(status = 503, codes = "KEY_ENCRYPTION_KEY_MISSING", when = "a key it needs is wrapped under a "
            + "key-encryption key this service does not hold (an operator must provide it)")
    @PostMapping(PATH)
    OpenResponse open(@Valid @RequestBody OpenRequest request, RequestOrigin origin) {
        String organisation = origin.hasRole(Roles.PORTAL) || origin.hasRole(Roles.AUDITOR)
                ? null
                : origin.requireOrganisation();
        try {
            return new OpenResponse(keyService.open(request.registrations().stream()
                            .map(sealed -> new KeyService.Sealed(sealed.registrationId(), sealed.ciphertext()))
                            .toList(), organisation).stream()
                    .map(opened -> new OpenedRegistration(opened.registrationId(), opened.participant(), opened.erased()))
                    .toList());
        } catch (KeyService.NotSealedForRegistrationException notItsCiphertext) {
            throw new InvalidRequestException(List.of(new FieldProblem(
                    "registrations[" + notItsCiphertext.index() + "].ciphertext", "was not sealed for this registration")));
        }
    }
}
