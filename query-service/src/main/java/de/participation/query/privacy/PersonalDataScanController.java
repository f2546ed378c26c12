package de.participation.query.privacy;

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

import java.security.Principal;

/**
 * The operator's check that a person's data is gone from the read side's store (see
 * {@link ReadModelScan}); the command service answers the same request for its stores and topics.
 * Who scanned, and the outcome, is logged (never the address).
 */
@RestController
class PersonalDataScanController {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataScanController.class);

    private final ReadModelScan scan;

    PersonalDataScanController(ReadModelScan scan) {
        this.scan = scan;
    }

    record ScanRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    @PostMapping("/api/v1/admin/personal-data-scans")
    ScanReport scan(@Valid @RequestBody ScanRequest request, Principal caller) {
        ScanReport report = scan.scan(request.email());
        log.info("Personal-data scan by {}: {} findings, clean: {}", caller.getName(), report.findings().size(),
                report.clean());
        return report;
    }
}
