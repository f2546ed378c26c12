package de.participation.query.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signing: a secret {@code whsec_<base64 of 32 random bytes>}, shown to the
 * subscriber once; each delivery is signed {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}
 * with the secret's bytes, so that the receiver's Standard Webhooks library verifies it. While a
 * secret is rotated, the header carries one such signature per secret, separated by spaces, and
 * the receiver accepts the delivery if any of them verifies.
 */
final class WebhookSignature {

    private static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return secretOf(key);
    }

    /** The secret's bytes, which sign (and which are sealed at rest). */
    static byte[] keyOf(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    static String secretOf(byte[] key) {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header's value: the signature with each of {@code keys}, the newest first. */
    static String header(List<byte[]> keys, String webhookId, long timestampSeconds, String body) {
        byte[] signed = (webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        return keys.stream().map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(byte[] key, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
