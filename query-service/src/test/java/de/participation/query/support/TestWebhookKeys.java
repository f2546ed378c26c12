package de.participation.query.support;

import de.participation.web.keys.KeyEncryptionKeyFile;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;

/**
 * A key-encryption key of fresh random bytes for the webhook secrets, which the query service
 * requires: one per test infrastructure, so that a service started again on the same database
 * still opens the secrets it sealed.
 */
public final class TestWebhookKeys {

    private static final String PROPERTY = "participation.webhooks.key-encryption-keys.value";

    private final String value = KeyEncryptionKeyFile.newEntry("webhooks-test");

    /** The keys as {@code WEBHOOK_KEKS} holds them. */
    public String value() {
        return value;
    }

    public List<String> arguments() {
        return List.of("--" + PROPERTY + "=" + value);
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add(PROPERTY, () -> value);
    }
}
