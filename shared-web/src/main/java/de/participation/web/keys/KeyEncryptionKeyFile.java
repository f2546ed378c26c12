package de.participation.web.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Key-encryption keys read from a file or a setting's value: one per line,
 * {@code <id>:<base64 of 32 random bytes>}; blank lines and lines starting with {@code #} are
 * ignored. The last entry is the current KEK, so a new one is introduced by appending it. A file is
 * read again when it changes (looked at no more than once a second), so that a KEK can be
 * introduced, or an old one removed, while the service runs; a changed file that does not load is
 * reported and the keys held so far are kept.
 * <p>
 * Wrapping is AES-256-GCM with a fresh 12-byte nonce and the context as associated data; the
 * wrapped bytes are the nonce followed by the ciphertext and tag.
 */
public final class KeyEncryptionKeyFile implements KeyEncryptionKeys {

    private static final Logger LOG = LoggerFactory.getLogger(KeyEncryptionKeyFile.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final InstantSource clock;
    private volatile Keys keys;
    private volatile Instant nextCheck;
    private FileState seen;

    private KeyEncryptionKeyFile(Path file, InstantSource clock, Keys keys, FileState seen) {
        this.file = file;
        this.clock = clock;
        this.keys = keys;
        this.seen = seen;
        this.nextCheck = clock.instant().plus(CHECK_INTERVAL);
    }

    /**
     * @throws IllegalArgumentException naming the line, if the file holds no KEK or a line that is
     *                                  not one
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static KeyEncryptionKeyFile read(Path file) {
        return read(file, InstantSource.system());
    }

    static KeyEncryptionKeyFile read(Path file, InstantSource clock) {
        try {
            FileState state = FileState.of(file);
            return new KeyEncryptionKeyFile(file, clock, Keys.parse(Files.readAllLines(file), file.toString()), state);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key-encryption keys in " + file, e);
        }
    }

    /**
     * The KEKs of a service's two settings: a file of them, or the same lines as a value. Setting
     * both is refused, naming them; setting neither is for the service's required settings to name.
     */
    public static KeyEncryptionKeyFile fromFileOrValue(String file, String value, String fileSetting, String valueSetting) {
        boolean fromFile = file != null && !file.isBlank();
        if (fromFile && value != null && !value.isBlank()) {
            throw new IllegalStateException("Set either " + fileSetting + " or " + valueSetting + ", not both");
        }
        return fromFile ? read(Path.of(file)) : of(value);
    }

    /** @throws IllegalArgumentException naming the line, if {@code value} holds no KEK or a line that is not one */
    public static KeyEncryptionKeyFile of(String value) {
        return new KeyEncryptionKeyFile(null, InstantSource.system(), Keys.parse(value.lines().toList(), "the setting"), null);
    }

    /** A line that introduces a new KEK {@code id} of fresh random bytes, for appending to a file. */
    public static String newEntry(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A key-encryption key id is 1 to 64 of A-Z a-z 0-9 . _ -: " + id);
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String currentId() {
        return current().currentId();
    }

    @Override
    public boolean holds(String kekId) {
        return current().byId().containsKey(kekId);
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] context) {
        Keys held = current();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, held.byId().get(held.currentId()), nonce, context).doFinal(dataKey);
            return new WrappedKey(held.currentId(),
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        SecretKey kek = current().byId().get(wrapped.kekId());
        if (kek == null) {
            throw new UnknownKeyEncryptionKeyException(wrapped.kekId());
        }
        byte[] bytes = wrapped.bytes();
        try {
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new AEADBadTagException("A wrapped key of " + bytes.length + " bytes is too short");
            }
            return cipher(Cipher.DECRYPT_MODE, kek, Arrays.copyOf(bytes, NONCE_BYTES), context)
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WrappedKeyMismatchException(wrapped.kekId(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey kek, byte[] nonce, byte[] context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context);
        return cipher;
    }

    private Keys current() {
        if (file != null && !clock.instant().isBefore(nextCheck)) {
            reloadIfChanged();
        }
        return keys;
    }

    private synchronized void reloadIfChanged() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(CHECK_INTERVAL);
        try {
            FileState state = FileState.of(file);
            if (state.equals(seen)) {
                return;
            }
            seen = state;
            keys = Keys.parse(Files.readAllLines(file), file.toString());
            LOG.info("Read the key-encryption keys in {} again: {} held, {} current", file, keys.byId().size(), keys.currentId());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The changed key-encryption keys in {} do not load, the {} held so far stay in use: {}",
                    file, keys.byId().size(), e.getMessage());
        }
    }

    /** What tells a changed file: a rewrite within the file system's time resolution still changes its size or its identity. */
    private record FileState(FileTime modified, long size, Object identity) {

        static FileState of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        }
    }

    private record Keys(Map<String, SecretKey> byId, String currentId) {

        /** Refuses a malformed line by its number; the message never holds a key's characters. */
        static Keys parse(List<String> lines, String source) {
            Map<String, SecretKey> byId = new HashMap<>();
            String last = null;
            for (int number = 1; number <= lines.size(); number++) {
                String line = lines.get(number - 1).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String where = source + ", line " + number + ": ";
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(where + "expected <id>:<base64 of " + KEY_BYTES + " random bytes>");
                }
                String id = line.substring(0, colon);
                if (!ID.matcher(id).matches()) {
                    throw new IllegalArgumentException(where + "a key-encryption key id is 1 to 64 of A-Z a-z 0-9 . _ -");
                }
                if (byId.containsKey(id)) {
                    throw new IllegalArgumentException(where + "the id " + id + " appears twice");
                }
                byId.put(id, new SecretKeySpec(decode(line.substring(colon + 1).strip(), where), "AES"));
                last = id;
            }
            if (last == null) {
                throw new IllegalArgumentException(source + " holds no key-encryption key");
            }
            return new Keys(Map.copyOf(byId), last);
        }

        private static byte[] decode(String base64, String where) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                // The decoder's own message quotes the offending character: not passed on.
                throw new IllegalArgumentException(where + "the key is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException(where + "the key is " + key.length + " bytes, not " + KEY_BYTES);
            }
            return key;
        }
    }
}
