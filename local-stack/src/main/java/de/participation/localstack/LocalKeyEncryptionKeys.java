package de.participation.localstack;

import de.participation.web.keys.KeyEncryptionKeyFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The command service's key-encryption keys in the embedded stack: a file under DATA_DIR, made
 * with one fresh KEK at the first start, readable by its owner only, and kept afterwards, since the
 * participants' keys in the database stay wrapped under it (deleting it loses every participant).
 * Never part of docker-compose or a production configuration, where the operator provides the
 * file (docs/operations.md).
 */
public final class LocalKeyEncryptionKeys {

    private LocalKeyEncryptionKeys() {
    }

    /** The command service's environment that points it at the KEK file in {@code dataDirectory}, made there on first use. */
    public static Map<String, String> environment(Path dataDirectory) {
        Path file = dataDirectory.resolve("key-encryption-keys").toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDirectory);
                Path fresh = Files.createTempFile(dataDirectory, "key-encryption-keys", ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(fresh, """
                        # The local stack's key-encryption keys (docs/operations.md, "Rotating the key-encryption key").
                        # The last line is the current one. Deleting this file makes every participant unreadable.
                        %s
                        """.formatted(KeyEncryptionKeyFile.newEntry("local-1")));
                Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the key-encryption key file " + file, e);
        }
        return Map.of("PARTICIPANT_KEKS_FILE", file.toString());
    }
}
