package de.participation.web.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.AEADBadTagException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionKeyFileTest {

    private static final byte[] DATA_KEY = "a registration's key of 32 bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REGISTRATION = "3f2a6c1e-0000-4000-8000-000000000001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_REGISTRATION = "3f2a6c1e-0000-4000-8000-000000000002".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    @Test
    void unwrapsWhatItWrappedForTheSameContext() {
        KeyEncryptionKeys keys = KeyEncryptionKeyFile.of(KeyEncryptionKeyFile.newEntry("kek-1"));

        WrappedKey wrapped = keys.wrap(DATA_KEY, REGISTRATION);

        assertThat(wrapped.kekId()).isEqualTo("kek-1");
        assertThat(wrapped.bytes()).hasSize(12 + DATA_KEY.length + 16);
        assertThat(keys.unwrap(wrapped, REGISTRATION)).isEqualTo(DATA_KEY);
        assertThat(keys.wrap(DATA_KEY, REGISTRATION).bytes()).isNotEqualTo(wrapped.bytes());
    }

    @Test
    void refusesAWrappedKeyMovedToAnotherContextOrAltered() {
        KeyEncryptionKeys keys = KeyEncryptionKeyFile.of(KeyEncryptionKeyFile.newEntry("kek-1"));
        WrappedKey wrapped = keys.wrap(DATA_KEY, REGISTRATION);
        byte[] altered = wrapped.bytes().clone();
        altered[20] ^= 1;

        assertThatThrownBy(() -> keys.unwrap(wrapped, OTHER_REGISTRATION))
                .isInstanceOf(WrappedKeyMismatchException.class).hasCauseInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> keys.unwrap(new WrappedKey("kek-1", altered), REGISTRATION))
                .isInstanceOf(WrappedKeyMismatchException.class);
        assertThatThrownBy(() -> keys.unwrap(new WrappedKey("kek-1", new byte[5]), REGISTRATION))
                .isInstanceOf(WrappedKeyMismatchException.class);
    }

    @Test
    void refusesAKeyWrappedUnderAKekItDoesNotHold() {
        WrappedKey elsewhere = KeyEncryptionKeyFile.of(KeyEncryptionKeyFile.newEntry("kek-0")).wrap(DATA_KEY, REGISTRATION);
        KeyEncryptionKeys keys = KeyEncryptionKeyFile.of(KeyEncryptionKeyFile.newEntry("kek-1"));

        assertThat(keys.holds("kek-0")).isFalse();
        assertThatThrownBy(() -> keys.unwrap(elsewhere, REGISTRATION))
                .isInstanceOf(UnknownKeyEncryptionKeyException.class).hasMessageContaining("kek-0");
    }

    @Test
    void wrapsUnderTheLastEntryAndStillUnwrapsUnderTheEarlierOnes() {
        String first = KeyEncryptionKeyFile.newEntry("kek-1");
        WrappedKey underFirst = KeyEncryptionKeyFile.of(first).wrap(DATA_KEY, REGISTRATION);

        KeyEncryptionKeys keys = KeyEncryptionKeyFile.of("# the first\n" + first + "\n\n  "
                + KeyEncryptionKeyFile.newEntry("kek-2") + "  \n");

        assertThat(keys.currentId()).isEqualTo("kek-2");
        assertThat(keys.holds("kek-1")).isTrue();
        assertThat(keys.wrap(DATA_KEY, REGISTRATION).kekId()).isEqualTo("kek-2");
        assertThat(keys.unwrap(underFirst, REGISTRATION)).isEqualTo(DATA_KEY);
    }

    @Test
    void readsAChangedFileAgainAtMostOnceASecond() throws IOException {
        Path file = directory.resolve("keks");
        Files.writeString(file, KeyEncryptionKeyFile.newEntry("kek-1") + "\n");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T20:00:00Z"));
        InstantSource clock = now::get;
        KeyEncryptionKeyFile keys = KeyEncryptionKeyFile.read(file, clock);
        WrappedKey underFirst = keys.wrap(DATA_KEY, REGISTRATION);

        Files.writeString(file, KeyEncryptionKeyFile.newEntry("kek-2") + "\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(keys.currentId()).isEqualTo("kek-1");

        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(keys.currentId()).isEqualTo("kek-2");
        assertThat(keys.unwrap(underFirst, REGISTRATION)).isEqualTo(DATA_KEY);

        Files.writeString(file, Files.readAllLines(file).get(1) + "\n");
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(keys.holds("kek-1")).isFalse();
        assertThat(keys.currentId()).isEqualTo("kek-2");
    }

    @Test
    void keepsTheKeysItHoldsWhenTheChangedFileDoesNotLoad() throws IOException {
        Path file = directory.resolve("keks");
        Files.writeString(file, KeyEncryptionKeyFile.newEntry("kek-1") + "\n");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T20:00:00Z"));
        KeyEncryptionKeyFile keys = KeyEncryptionKeyFile.read(file, now::get);

        Files.writeString(file, "kek-2:half-a-key\n", StandardOpenOption.APPEND);
        now.set(now.get().plus(Duration.ofSeconds(1)));

        assertThat(keys.currentId()).isEqualTo("kek-1");
    }

    @Test
    void refusesMalformedLinesByNumberWithoutShowingKeyMaterial() {
        String good = KeyEncryptionKeyFile.newEntry("kek-1");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String secretLooking = "c2VjcmV0LXNlY3JldC1zZWNyZXQ*c2VjcmV0LXNlY3JldA==";

        assertThatThrownBy(() -> KeyEncryptionKeyFile.of(good + "\n\nkek-2:" + shortKey))
                .hasMessageContaining("line 3").hasMessageContaining("16 bytes, not 32").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyEncryptionKeyFile.of("# comment\nkek-2:" + secretLooking))
                .hasMessageContaining("line 2").hasMessageContaining("not base64")
                .hasMessageNotContaining("c2VjcmV0").hasMessageNotContaining("*").hasNoCause();
        assertThatThrownBy(() -> KeyEncryptionKeyFile.of(good.replace(':', ' ')))
                .hasMessageContaining("line 1").hasMessageNotContaining(good.substring(6));
        assertThatThrownBy(() -> KeyEncryptionKeyFile.of("kek 1:" + good.substring(6)))
                .hasMessageContaining("line 1").hasMessageContaining("id");
        assertThatThrownBy(() -> KeyEncryptionKeyFile.of(good + "\n" + good))
                .hasMessageContaining("line 2").hasMessageContaining("kek-1 appears twice").hasMessageNotContaining(good.substring(6));
        assertThatThrownBy(() -> KeyEncryptionKeyFile.of("# nothing but a comment\n"))
                .hasMessageContaining("no key-encryption key");
    }
}
