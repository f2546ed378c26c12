package de.participation.command.personaldata;

import de.participation.web.keys.KeyEncryptionKeyFile;
import de.participation.web.keys.UnknownKeyEncryptionKeyException;
import de.participation.web.keys.WrappedKey;
import de.participation.web.keys.WrappedKeyMismatchException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeteredKeyEncryptionKeysTest {

    private static final byte[] CONTEXT = "registration-1".getBytes(StandardCharsets.UTF_8);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MeteredKeyEncryptionKeys keys = new MeteredKeyEncryptionKeys(
            KeyEncryptionKeyFile.of(KeyEncryptionKeyFile.newEntry("kek-1")), meters);

    @Test
    void eachCallIsTimedByOperationAndOutcome() {
        WrappedKey wrapped = keys.wrap(new byte[32], CONTEXT);
        keys.unwrap(wrapped, CONTEXT);
        keys.unwrap(wrapped, CONTEXT);

        assertThat(calls("wrap", "ok")).isEqualTo(1);
        assertThat(calls("unwrap", "ok")).isEqualTo(2);
    }

    @Test
    void aRefusedUnwrapIsTimedWithWhyAndStillRefused() {
        WrappedKey wrapped = keys.wrap(new byte[32], CONTEXT);

        assertThatThrownBy(() -> keys.unwrap(wrapped, "registration-2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WrappedKeyMismatchException.class);
        assertThatThrownBy(() -> keys.unwrap(new WrappedKey("kek-0", wrapped.bytes()), CONTEXT))
                .isInstanceOf(UnknownKeyEncryptionKeyException.class);

        assertThat(calls("unwrap", "mismatch")).isEqualTo(1);
        assertThat(calls("unwrap", "unknown-kek")).isEqualTo(1);
    }

    private long calls(String operation, String outcome) {
        var timer = meters.find(MeteredKeyEncryptionKeys.METRIC).tag("operation", operation).tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
