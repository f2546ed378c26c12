package de.participation.command.web;

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
class KeyEncryptionKeyController {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeyController.class);
    private static final String PATH = "/api/v1/admin/key-encryption-keys";

    private final KeyEncryptionKeyRotation rotation;

    KeyEncryptionKeyController(KeyEncryptionKeyRotation rotation) {
        this.rotation = rotation;
    }

    @GetMapping(PATH)
    Status status() {
        return rotation.status();
    }

    /** Accepted at once; the re-wrap runs in the background, its progress at the Location. */
    @PostMapping(PATH + "/rewrap")
    ResponseEntity<Status> rewrap(RequestOrigin origin) {
        Status status = rotation.startRewrap();
        log.info("Re-wrap under the key-encryption key {} requested by {} (correlation id {})", status.current(),
                origin.issuedBy(), origin.correlationId());
        return ResponseEntity.accepted().location(URI.create(PATH)).body(status);
    }
}
