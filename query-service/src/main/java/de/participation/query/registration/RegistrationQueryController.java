package de.participation.query.registration;

import de.participation.query.web.NotFoundException;
import de.participation.query.web.ReadYourWrites;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** One registration with its current status and waiting-list position. */
@RestController
class RegistrationQueryController {

    private final ReadYourWrites readYourWrites;

    RegistrationQueryController(ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
    }

    /** {@code minSequence} refers to the registration's meeting, as in every command answer. */
    @GetMapping("/api/v1/registrations/{registrationId}")
    RegistrationView registration(@PathVariable UUID registrationId,
                                  @RequestParam(required = false) @PositiveOrZero Long minSequence) {
        return readYourWrites.registration(registrationId, minSequence)
                .map(found -> RegistrationView.of(found.registration(), found.meeting()))
                .orElseThrow(() -> new NotFoundException("No registration " + registrationId));
    }
}
