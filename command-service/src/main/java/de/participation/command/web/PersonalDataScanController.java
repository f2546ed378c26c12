package de.participation.command.web;

import de.participation.command.privacy.PersonalDataScan;
import de.participation.web.privacy.ScanReport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's check that a person's data is gone from this service's stores: the event store,
 * its snapshots, the key table and every topic (see {@link PersonalDataScan}). The read side answers
 * the same request for its store. Who scanned, and the outcome, is logged (never the address).
 */
@RestController
class PersonalDataScanController {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataScanController.class);

    private final PersonalDataScan scan;

    PersonalDataScanController(PersonalDataScan scan) {
        this.scan = scan;
    }

    record ScanRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    @PostMapping("/api/v1/admin/personal-data-scans")
    ScanReport scan(@Valid @RequestBody ScanRequest request, RequestOrigin origin) {
        ScanReport report = scan.scan(request.email());
        log.info("Personal-data scan by {} (correlation id {}): {} findings, clean: {}", origin.issuedBy(),
                origin.correlationId(), report.findings().size(), report.clean());
        return report;
    }
}
