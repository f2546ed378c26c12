package de.participation.query.privacy;

import de.participation.web.privacy.ScanReport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's check that a person's data is gone from the read side's store (see
 * {@link ReadModelScan}); the command service answers the same request for its stores and topics.
 */
@RestController
class PersonalDataScanController {

    private final ReadModelScan scan;

    PersonalDataScanController(ReadModelScan scan) {
        this.scan = scan;
    }

    record ScanRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    @PostMapping("/api/v1/admin/personal-data-scans")
    ScanReport scan(@Valid @RequestBody ScanRequest request) {
        return scan.scan(request.email());
    }
}
