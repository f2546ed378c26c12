package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.command.personaldata.KeyEncryptionKeyRotation;
import de.participation.command.personaldata.KeyEncryptionKeyRotation.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The operator's view of the key-encryption keys (which KEK wraps how many stored keys, whether
 * each is held) and the command that re-wraps every stored key under the current one, after a new
 * KEK was appended to the KEK file (docs/operations.md, "Rotating the key-encryption key").
 */
@RestController
@Tag(name = "Key-encryption keys", description = "The operator's rotation of the key-encryption key")
class KeyEncryptionKeyController {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeyController.class);
    private static final String PATH = "/api/v1/admin/key-encryption-keys";

    private final KeyEncryptionKeyRotation rotation;

    KeyEncryptionKeyController(KeyEncryptionKeyRotation rotation) {
        this.rotation = rotation;
    }

    @Operation(summary = "The key-encryption keys in use", description = "Which KEK wraps how many stored keys, "
            + "whether this instance holds each, and this instance's re-wrap.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @GetMapping(PATH)
    Status status() {
        return rotation.status();
    }

    /** Accepted at once; the re-wrap runs in the background, its progress at the Location. */
    @Operation(summary = "Re-wrap every stored key under the current KEK", description = "Runs in the "
            + "background; posted again (after a restart, on another instance) it continues with what is left.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @ApiResponse(responseCode = "202", description = "Started, with `Location: /api/v1/admin/key-encryption-keys`")
    @PostMapping(PATH + "/rewrap")
    ResponseEntity<Status> rewrap(RequestOrigin origin) {
        Status status = rotation.startRewrap();
        log.info("Re-wrap under the key-encryption key {} requested by {} (correlation id {})", status.current(),
                origin.issuedBy(), origin.correlationId());
        return ResponseEntity.accepted().location(URI.create(PATH)).body(status);
    }
}
