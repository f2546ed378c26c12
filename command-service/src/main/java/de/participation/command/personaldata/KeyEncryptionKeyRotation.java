package de.participation.command.personaldata;

import de.participation.web.keys.KeyEncryptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operator's rotation of the key-encryption key: once a new KEK has been appended to the KEK
 * file (and so become current), every stored key is wrapped under it again, in the background, in
 * batches of their own transactions. Nothing remembers where it stopped: a re-wrap started again
 * (after a restart, on another instance, or beside a running one) takes the keys that are still
 * not under the current KEK, skipping rows another instance holds. The events are never touched:
 * they are sealed under the registrations' keys, which stay the same. Keys under a KEK that is not
 * held are left as they are and shown in the {@link #status()}.
 */
@Component
public class KeyEncryptionKeyRotation implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeyRotation.class);
    private static final int BATCH = 500;

    /** This instance's re-wrap. */
    public enum State { NOT_STARTED, RUNNING, FINISHED, FAILED }

    /** What this instance's latest re-wrap did; {@code failure} says why it stopped, if it failed. */
    public record Rewrap(State state, Instant startedAt, Instant endedAt, long rewrapped, String failure) {
    }

    /**
     * One key-encryption key as the stored keys use it.
     *
     * @param participantKeys how many registrations' keys it wraps
     * @param emailIndexKey   whether it wraps the key of the email hashes
     * @param held            whether this service holds it (if not, what it wraps cannot be opened)
     */
    public record KeyEncryptionKeyUse(String id, long participantKeys, boolean emailIndexKey, boolean held,
                                      boolean current) {
    }

    /**
     * @param notUnderCurrent stored keys not yet wrapped under the current KEK, by any instance
     */
    public record Status(String current, List<KeyEncryptionKeyUse> keyEncryptionKeys, long notUnderCurrent,
                         Rewrap rewrap) {
    }

    private final ParticipantKeys keys;
    private final KeyEncryptionKeys keyEncryptionKeys;
    private final TransactionTemplate ownTransaction;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("key-rewrap").daemon().factory());
    private volatile Rewrap rewrap = new Rewrap(State.NOT_STARTED, null, null, 0, null);

    KeyEncryptionKeyRotation(ParticipantKeys keys, KeyEncryptionKeys keyEncryptionKeys,
                             PlatformTransactionManager transactions) {
        this.keys = keys;
        this.keyEncryptionKeys = keyEncryptionKeys;
        this.ownTransaction = new TransactionTemplate(transactions);
    }

    /** Starts re-wrapping every stored key under the current KEK, unless this instance is at it already. */
    public synchronized Status startRewrap() {
        if (rewrap.state() != State.RUNNING) {
            rewrap = new Rewrap(State.RUNNING, Instant.now(), null, 0, null);
            worker.execute(this::rewrapAll);
        }
        return status();
    }

    public Status status() {
        String current = keyEncryptionKeys.currentId();
        Map<String, Long> counts = new TreeMap<>(keys.keysPerKeyEncryptionKey());
        String emailIndexKek = keys.emailIndexKeyEncryptionKey();
        counts.putIfAbsent(emailIndexKek, 0L);
        List<KeyEncryptionKeyUse> uses = counts.entrySet().stream()
                .map(count -> new KeyEncryptionKeyUse(count.getKey(), count.getValue(), count.getKey().equals(emailIndexKek),
                        keyEncryptionKeys.holds(count.getKey()), count.getKey().equals(current)))
                .sorted(Comparator.comparing(KeyEncryptionKeyUse::current).reversed())
                .toList();
        long notUnderCurrent = uses.stream().filter(use -> !use.current())
                .mapToLong(use -> use.participantKeys() + (use.emailIndexKey() ? 1 : 0)).sum();
        return new Status(current, uses, notUnderCurrent, rewrap);
    }

    private void rewrapAll() {
        log.info("Re-wrapping the stored keys under the key-encryption key {}", keyEncryptionKeys.currentId());
        try {
            String current;
            do {
                current = keyEncryptionKeys.currentId();
                for (String kekId : keys.keysPerKeyEncryptionKey().keySet()) {
                    if (!kekId.equals(current) && keyEncryptionKeys.holds(kekId)) {
                        rewrapAllOf(kekId);
                    }
                }
                ownTransaction.executeWithoutResult(transaction -> keys.rewrapEmailIndexKey());
            } while (!current.equals(keyEncryptionKeys.currentId()));
            finish(State.FINISHED, null);
        } catch (RuntimeException failure) {
            log.error("The re-wrap of the stored keys stopped; starting it again continues where it stopped", failure);
            finish(State.FAILED, failure.getMessage());
        }
    }

    private void rewrapAllOf(String kekId) {
        Integer done;
        while ((done = ownTransaction.execute(transaction -> keys.rewrap(kekId, BATCH))) != null && done > 0) {
            Rewrap now = rewrap;
            rewrap = new Rewrap(now.state(), now.startedAt(), null, now.rewrapped() + done, null);
        }
    }

    private void finish(State state, String failure) {
        Rewrap now = rewrap;
        rewrap = new Rewrap(state, now.startedAt(), Instant.now(), now.rewrapped(), failure);
        log.info("Re-wrap of the stored keys {}: {} keys re-wrapped by this instance", state, now.rewrapped());
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
