package de.participation.command.personaldata;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * The keyed hash (HMAC-SHA256) of an email trimmed and in lower case: equal for the same person,
 * and useless to anyone without the key (a plain hash of an address can be checked against a list
 * of guesses). Since V8 an email is hashed within its meeting ({@link #hash(UUID, String)}): the same
 * address gives unrelated values in two meetings, so the index cannot be joined across meetings.
 */
public final class EmailHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public EmailHasher(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The hash within {@code meetingId}, kept only beside the registration's key. */
    public String hash(UUID meetingId, String email) {
        return hmac(meetingId + "\n" + normalised(email));
    }

    /**
     * The hash of migration V4, under one key for the whole database, which went into the events
     * and which V8 destroyed; only V4 still computes it.
     */
    public String hash(String email) {
        return hmac(normalised(email));
    }

    private static String normalised(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] hash = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
