package de.participation.command.personaldata;

import de.participation.web.keys.KeyEncryptionKeys;
import de.participation.web.keys.UnknownKeyEncryptionKeyException;
import de.participation.web.keys.WrappedKey;
import de.participation.web.keys.WrappedKeyMismatchException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times every call to the key service as {@code participation.keys.calls}, by {@code operation}
 * ({@code wrap}, {@code unwrap}) and {@code outcome} ({@code ok}, {@code unknown-kek},
 * {@code mismatch}, {@code error}): with a KMS or an HSM behind {@link KeyEncryptionKeys}, each
 * registration and each opening of personal data waits for such a call.
 */
final class MeteredKeyEncryptionKeys implements KeyEncryptionKeys {

    static final String METRIC = "participation.keys.calls";

    private final KeyEncryptionKeys keys;
    private final MeterRegistry registry;

    MeteredKeyEncryptionKeys(KeyEncryptionKeys keys, MeterRegistry registry) {
        this.keys = keys;
        this.registry = registry;
    }

    @Override
    public String currentId() {
        return keys.currentId();
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] context) {
        return timed("wrap", () -> keys.wrap(dataKey, context));
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        return timed("unwrap", () -> keys.unwrap(wrapped, context));
    }

    @Override
    public boolean holds(String kekId) {
        return keys.holds(kekId);
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } catch (UnknownKeyEncryptionKeyException unknown) {
            outcome = "unknown-kek";
            throw unknown;
        } catch (WrappedKeyMismatchException mismatch) {
            outcome = "mismatch";
            throw mismatch;
        } finally {
            Timer.builder(METRIC)
                    .description("Calls to the key service that wraps and unwraps the participants' keys")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
