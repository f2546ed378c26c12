package de.participation.localstack;

import java.nio.file.Path;

/**
 * The query service's key-encryption keys for the webhook secrets on this machine, as an operator
 * provides them in production ({@code WEBHOOK_KEKS_FILE}): a file made at the first start with one
 * fresh KEK, readable by its owner only, and kept afterwards, so that the secrets sealed under it
 * still open after a restart.
 */
public final class LocalWebhookKeys {

    static final String ID = "local-webhooks-1";

    private LocalWebhookKeys() {
    }

    /** The file {@code keys/webhook-keks} in {@code dataDirectory}, made unless it exists. */
    public static Path in(Path dataDirectory) {
        return LocalKeyEncryptionKeys.madeOnce(dataDirectory.resolve("keys/webhook-keks"), ID, """
                # The query service's key-encryption keys for the webhook secrets, one
                # "<id>:<base64 of 32 random bytes>" per line; the last one is current.""");
    }
}
