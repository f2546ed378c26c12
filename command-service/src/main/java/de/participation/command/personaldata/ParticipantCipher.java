package de.participation.command.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.events.Participant;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Seals a participant with AES-256-GCM: a fresh random nonce per sealing, the registration id as
 * associated data (a ciphertext moved to another registration does not open), and the result as
 * base64 of nonce followed by ciphertext and tag. GCM also detects any tampering. Also the digest
 * by which a retried registration is recognised.
 */
public final class ParticipantCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String DIGEST = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParticipantCipher() {
    }

    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static String seal(byte[] key, UUID registrationId, Participant participant) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, registrationId)
                    .doFinal(JSON.writeValueAsBytes(participant));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal the participant of registration " + registrationId, e);
        }
    }

    /**
     * @throws IllegalArgumentException if {@code ciphertext} was not sealed with this key for this
     *                                  registration, or was altered
     */
    public static Participant open(byte[] key, UUID registrationId, String ciphertext) {
        try {
            byte[] sealed = Base64.getDecoder().decode(ciphertext);
            if (sealed.length <= NONCE_BYTES) {
                throw new IllegalArgumentException("Sealed data of registration " + registrationId + " is too short");
            }
            byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
            byte[] plain = cipher(Cipher.DECRYPT_MODE, key, nonce, registrationId)
                    .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return JSON.readValue(plain, Participant.class);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("Sealed data does not belong to registration " + registrationId, e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot open the participant of registration " + registrationId, e);
        }
    }

    /**
     * An HMAC-SHA256 under the registration's key of the name and organisation as entered (up to
     * surrounding blanks): equal for a retry with the same data, and gone with the key.
     */
    public static byte[] digest(byte[] key, Participant participant) {
        String organisation = participant.organisation() == null ? "" : participant.organisation().trim();
        try {
            Mac mac = Mac.getInstance(DIGEST);
            mac.init(new SecretKeySpec(key, DIGEST));
            return mac.doFinal((participant.name().trim() + "\n" + organisation).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, UUID registrationId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(registrationId.toString().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
