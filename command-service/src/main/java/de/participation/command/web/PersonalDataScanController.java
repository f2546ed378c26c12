package de.participation.command.web;

import de.participation.command.privacy.PersonalDataScan;
import de.participation.web.privacy.ScanReport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's check that a person's data is gone from this service's stores: the event store,
 * its snapshots, the key table and every topic (see {@link PersonalDataScan}). The read side answers
 * the same request for its store.
 */
@RestController
class PersonalDataScanController {

    private final PersonalDataScan scan;

    PersonalDataScanController(PersonalDataScan scan) {
        this.scan = scan;
    }

    record ScanRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    @PostMapping("/api/v1/admin/personal-data-scans")
    ScanReport scan(@Valid @RequestBody ScanRequest request) {
        return scan.scan(request.email());
    }
}
