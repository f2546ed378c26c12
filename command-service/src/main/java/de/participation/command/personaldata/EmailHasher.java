package de.participation.command.personaldata;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;

/**
 * The keyed hash (HMAC-SHA256) of an email trimmed and in lower case: equal for the same person,
 * and useless to anyone without the key (a plain hash of an address can be checked against a list
 * of guesses).
 */
public final class EmailHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public EmailHasher(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public String hash(String email) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] hash = mac.doFinal(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
