package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.command.privacy.PersonalDataScan;
import de.participation.command.privacy.ScanTrail;
import de.participation.web.Page;
import de.participation.web.privacy.ScanReport;
import de.participation.web.privacy.ScanTrailEntry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The data protection officer's check that a person's data is gone from this service's stores: the
 * event store, its snapshots, the key table and every topic (see {@link PersonalDataScan}). The read
 * side answers the same request for its store. A scan tells whether an address is registered
 * anywhere, so each is recorded in the {@link ScanTrail} before it runs, which the officer and
 * auditors read here; the outcome is logged (never the address).
 */
@RestController
@Tag(name = "Personal data")
class PersonalDataScanController {

    static final String PATH = "/api/v1/admin/personal-data-scans";
    private static final Logger log = LoggerFactory.getLogger(PersonalDataScanController.class);

    private final PersonalDataScan scan;
    private final ScanTrail trail;

    PersonalDataScanController(PersonalDataScan scan, ScanTrail trail) {
        this.scan = scan;
        this.trail = trail;
    }

    record ScanRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    @Operation(summary = "Scan this service's stores for a person's data", description = "The event store, its "
            + "snapshots, the key table and every topic; recorded in the scan trail before it runs.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.DATA_PROTECTION)
    @PostMapping(PATH)
    ScanReport scan(@Valid @RequestBody ScanRequest request, @AuthenticationPrincipal Jwt caller,
                    RequestOrigin origin) {
        trail.record(caller, ScanTrailEntry.SCAN, request.email());
        ScanReport report = scan.scan(request.email());
        log.info("Personal-data scan by {} (correlation id {}): {} findings, clean: {}", origin.issuedBy(),
                origin.correlationId(), report.findings().size(), report.clean());
        return report;
    }

    /** The trail of the scans and of the hashes asked for the read side's scans, newest first. */
    @Operation(summary = "The trail of the scans", description = "Newest first, paged (`X-Total-Count`, "
            + "`Link: rel=\"next\"`).")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.DATA_PROTECTION, Roles.AUDITOR})
    @GetMapping(PATH)
    ResponseEntity<List<ScanTrailEntry>> trail(
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset,
            @RequestParam(defaultValue = "" + Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return new Page(offset, limit).response(trail.newestFirst(offset, limit), trail.total());
    }
}
