package de.participation.query.webhooks;

import de.participation.web.keys.KeyEncryptionKeys;
import de.participation.web.keys.WrappedKey;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seals the subscriptions' secrets under the query service's own key-encryption keys, each bound
 * to its subscription's id (so a sealed secret copied onto another subscription does not open),
 * and opens them only to sign a delivery. Whoever reads MongoDB, or a backup of it, can forge no
 * delivery without the KEK. The participants' KEK is not used: the command service alone holds it.
 */
@Component
class WebhookSecrets {

    private final KeyEncryptionKeys keys;

    WebhookSecrets(KeyEncryptionKeys webhookKeyEncryptionKeys) {
        this.keys = webhookKeyEncryptionKeys;
    }

    /** A new subscription's {@code secret}, sealed. */
    SigningSecrets sealed(UUID subscriptionId, String secret) {
        return SigningSecrets.of(seal(subscriptionId, WebhookSignature.keyOf(secret)));
    }

    /**
     * The secrets once {@code secret} replaces the current one, which then still signs until
     * {@code previousUntil}; a previous secret of an earlier rotation is dropped.
     */
    SigningSecrets rotated(Subscription subscription, String secret, Instant previousUntil) {
        SigningSecrets secrets = subscription.secrets();
        WrappedKey previous = secrets.inClear() == null ? secrets.current()
                : seal(subscription.id(), WebhookSignature.keyOf(secrets.inClear()));
        return new SigningSecrets(seal(subscription.id(), WebhookSignature.keyOf(secret)), null, previous,
                previousUntil, secrets.version());
    }

    /**
     * The secrets as they should be stored at {@code now}: sealed, under the current KEK (so that
     * an older one can be destroyed), the previous one only while it still signs; empty when they
     * are stored so already.
     */
    Optional<SigningSecrets> tidied(Subscription subscription, Instant now) {
        SigningSecrets secrets = subscription.secrets();
        boolean previousKept = secrets.previousSignsAt(now);
        if (secrets.inClear() == null && underCurrentKek(secrets.current())
                && (previousKept ? underCurrentKek(secrets.previous()) : secrets.previous() == null)) {
            return Optional.empty();
        }
        UUID id = subscription.id();
        return Optional.of(new SigningSecrets(seal(id, currentKey(subscription)), null,
                previousKept ? seal(id, open(id, secrets.previous())) : null,
                previousKept ? secrets.previousUntil() : null, secrets.version()));
    }

    /**
     * The {@code webhook-signature} header of a delivery stamped {@code timestampSeconds}: signed
     * with the current secret and, while a rotation lasts, with the previous one too.
     */
    String signatureHeader(Subscription subscription, String webhookId, long timestampSeconds, String body) {
        List<byte[]> signing = new ArrayList<>(List.of(currentKey(subscription)));
        SigningSecrets secrets = subscription.secrets();
        if (secrets.previousSignsAt(Instant.ofEpochSecond(timestampSeconds))) {
            signing.add(open(subscription.id(), secrets.previous()));
        }
        return WebhookSignature.header(signing, webhookId, timestampSeconds, body);
    }

    private byte[] currentKey(Subscription subscription) {
        SigningSecrets secrets = subscription.secrets();
        return secrets.inClear() != null ? WebhookSignature.keyOf(secrets.inClear())
                : open(subscription.id(), secrets.current());
    }

    private boolean underCurrentKek(WrappedKey sealed) {
        return sealed.kekId().equals(keys.currentId());
    }

    private WrappedKey seal(UUID subscriptionId, byte[] key) {
        return keys.wrap(key, context(subscriptionId));
    }

    private byte[] open(UUID subscriptionId, WrappedKey sealed) {
        return keys.unwrap(sealed, context(subscriptionId));
    }

    private static byte[] context(UUID subscriptionId) {
        return subscriptionId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
