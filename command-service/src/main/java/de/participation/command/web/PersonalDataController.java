package de.participation.command.web;

import de.participation.command.personaldata.ParticipantCipher;
import de.participation.command.personaldata.ParticipantKeys;
import de.participation.command.personaldata.ParticipantKeys.ParticipantKey;
import de.participation.events.Participant;
import de.participation.web.FieldProblem;
import de.participation.web.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Opens sealed participants for a reader allowed to see them: the keys never leave this service.
 * The query service calls it with its caller's own token, so the portal, organisers (for their own
 * organisation's meetings only) and auditors read personal data, and nobody else. An erased
 * registration has no key any more and comes back as {@code erased}.
 */
@RestController
class PersonalDataController {

    static final String PATH = "/api/v1/personal-data/open";
    static final int MAX_REGISTRATIONS = 1_000;
    private static final int MAX_CIPHERTEXT = 4_096;
    /** Room for a full page of the read API with the largest participants allowed. */
    static final long MAX_BODY_BYTES = MAX_REGISTRATIONS * (MAX_CIPHERTEXT + 100L);

    private final ParticipantKeys keys;

    PersonalDataController(ParticipantKeys keys) {
        this.keys = keys;
    }

    record SealedRegistration(@NotNull UUID registrationId, @NotBlank @Size(max = MAX_CIPHERTEXT) String ciphertext) {
    }

    record OpenRequest(@NotNull @Size(max = MAX_REGISTRATIONS) List<@NotNull @Valid SealedRegistration> registrations) {
    }

    record OpenedRegistration(UUID registrationId, Participant participant, boolean erased) {
    }

    record OpenResponse(List<OpenedRegistration> registrations) {
    }

    @PostMapping(PATH)
    OpenResponse open(@Valid @RequestBody OpenRequest request, RequestOrigin origin) {
        Map<UUID, ParticipantKey> found = keys.keysOf(request.registrations().stream()
                        .map(SealedRegistration::registrationId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(ParticipantKey::registrationId, Function.identity()));
        if (!origin.hasRole(Roles.PORTAL) && !origin.hasRole(Roles.AUDITOR)) {
            String organisation = origin.requireOrganisation();
            if (found.values().stream().anyMatch(key -> !Objects.equals(key.organisation(), organisation))) {
                throw new ForeignPersonalDataException();
            }
        }
        List<OpenedRegistration> opened = new ArrayList<>();
        for (int index = 0; index < request.registrations().size(); index++) {
            SealedRegistration sealed = request.registrations().get(index);
            ParticipantKey key = found.get(sealed.registrationId());
            opened.add(key == null ? new OpenedRegistration(sealed.registrationId(), null, true)
                    : new OpenedRegistration(sealed.registrationId(), open(key, sealed, index), false));
        }
        return new OpenResponse(opened);
    }

    private static Participant open(ParticipantKey key, SealedRegistration sealed, int index) {
        try {
            return ParticipantCipher.open(key.secret(), sealed.registrationId(), sealed.ciphertext());
        } catch (IllegalArgumentException notItsCiphertext) {
            throw new InvalidRequestException(List.of(new FieldProblem("registrations[" + index + "].ciphertext",
                    "was not sealed for this registration")));
        }
    }

    static class ForeignPersonalDataException extends RuntimeException {
        ForeignPersonalDataException() {
            super("Some of these registrations belong to another organisation's meetings", null, false, false);
        }
    }
}
