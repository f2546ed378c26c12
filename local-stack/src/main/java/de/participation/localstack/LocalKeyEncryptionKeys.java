package de.participation.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A file of key-encryption keys for a service on this machine, as an operator provides one in
 * production: made at first use with one KEK of fresh random bytes, readable by its owner only,
 * and reused afterwards, so that what was sealed under it still opens after a restart.
 */
public final class LocalKeyEncryptionKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalKeyEncryptionKeys() {
    }

    /** The file {@code file}, made with the KEK {@code id} unless it exists. */
    public static Path in(Path file, String id) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Path made = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(made, """
                        # Key-encryption keys, one "<id>:<base64 of 32 random bytes>" per line; the last one is current.
                        %s:%s
                        """.formatted(id, Base64.getEncoder().encodeToString(key)));
                Files.move(made, file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the key-encryption keys " + file, e);
        }
    }
}
