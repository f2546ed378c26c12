package de.participation.web.privacy;

import de.participation.web.settings.RequiredSetting;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The keyed hash (HMAC-SHA256) by which a service keeps a trace of personal data outside its key
 * table (the rate limits' counters, the scans' audit trail) without keeping the data. The key is a
 * setting of the service, never in its database: whoever reads the database or a backup cannot
 * check the hashes against a list of guessed addresses, which a plain hash would allow. Each use
 * hashes under its own purpose, so that hashes of the same text for two purposes cannot be joined.
 */
public final class KeyedHash {

    /** The key's setting: at least 32 bytes, base64. */
    public static final RequiredSetting KEY = new RequiredSetting("participation.privacy.hash-key",
            "PRIVACY_HASH_KEY", "the key of the keyed hashes it keeps of personal data (32 bytes or more, base64)");
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException if {@code base64Key} is not base64 of at least 32 bytes */
    public KeyedHash(String base64Key) {
        byte[] bytes = Base64.getDecoder().decode(base64Key.trim());
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(KEY.variable() + " must be at least " + MIN_KEY_BYTES
                    + " bytes, base64 encoded; it has " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The hash of {@code text} for {@code purpose}, 43 characters of base64url. */
    public String of(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] hash = mac.doFinal((purpose + "\n" + text).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
