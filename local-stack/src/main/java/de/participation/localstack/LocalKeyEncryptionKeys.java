package de.participation.localstack;

import de.participation.web.keys.KeyEncryptionKeyFile;

import java.nio.file.Path;
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
        Path file = madeOnce(dataDirectory.resolve("key-encryption-keys"), "local-1", """
                # The local stack's key-encryption keys (docs/operations.md, "Rotating the key-encryption key").
                # The last line is the current one. Deleting this file makes every participant unreadable.""");
        return Map.of("PARTICIPANT_KEKS_FILE", file.toString());
    }

    /** The KEK file {@code file}, made with one fresh KEK named {@code id} under {@code comment} unless it exists. */
    static Path madeOnce(Path file, String id, String comment) {
        return LocalSecretFiles.madeOnce(file, () -> comment + "\n" + KeyEncryptionKeyFile.newEntry(id) + "\n");
    }
}
