package de.participation.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The query service's key-encryption keys for the webhook secrets on this machine, as an operator
 * provides them in production ({@code WEBHOOK_KEKS_FILE}): a file made at the first start with one
 * KEK of fresh random bytes, readable by its owner only, and kept afterwards, so that the secrets
 * sealed under it still open after a restart.
 */
public final class LocalWebhookKeys {

    static final String ID = "local-webhooks-1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalWebhookKeys() {
    }

    /** The file {@code keys/webhook-keks} in {@code dataDirectory}, made unless it exists. */
    public static Path in(Path dataDirectory) {
        Path file = dataDirectory.resolve("keys/webhook-keks").toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Path made = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(made, """
                        # The query service's key-encryption keys for the webhook secrets, one
                        # "<id>:<base64 of 32 random bytes>" per line; the last one is current.
                        %s:%s
                        """.formatted(ID, Base64.getEncoder().encodeToString(key)));
                Files.move(made, file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the key-encryption keys " + file, e);
        }
    }
}
