package de.participation.query.webhooks;

import de.participation.query.background.BackgroundLoop;
import de.participation.web.keys.UnknownKeyEncryptionKeyException;
import de.participation.web.keys.WrappedKeyMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the stored secrets as {@link WebhookSecrets#tidied} says, from the start on: it seals the
 * secrets that earlier versions stored in clear, re-wraps those sealed under a KEK that is no
 * longer current, and drops each previous secret from storage when its rotation window ends. It
 * looks again when the next window ends, and at least every minute (so that a secret an earlier
 * version's instance writes meanwhile is sealed soon). Each change is written only if the
 * secrets did not change since they were read, so several instances, and a rotation meanwhile,
 * are safe; running it twice changes nothing.
 */
@Component
class SecretsUpkeep extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(SecretsUpkeep.class);
    private static final Duration LOOK_EVERY = Duration.ofMinutes(1);

    private final Subscriptions subscriptions;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);

    SecretsUpkeep(Subscriptions subscriptions, WebhookSecrets secrets, Clock clock) {
        super("webhook-secrets-upkeep");
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A rotation window was opened: the next one to end may be sooner than this loop waits. */
    void rotated() {
        wakeUps.release();
    }

    @Override
    protected void work() {
        while (running()) {
            List<Subscription> all = subscriptions.all();
            Instant now = clock.instant();
            long changed = all.stream().filter(subscription -> tidy(subscription, now)).count();
            if (changed > 0) {
                log.info("Tidied the stored secrets of {} webhook subscriptions: sealed, re-wrapped under the current "
                        + "key-encryption key, or an ended rotation's previous secret dropped", changed);
            }
            Instant next = all.stream().map(Subscription::secrets).filter(stored -> stored.previousSignsAt(now))
                    .map(SigningSecrets::previousUntil).min(Comparator.naturalOrder())
                    .filter(end -> end.isBefore(now.plus(LOOK_EVERY))).orElse(now.plus(LOOK_EVERY));
            awaitWakeUp(Duration.between(now, next));
        }
    }

    private boolean tidy(Subscription subscription, Instant now) {
        try {
            return secrets.tidied(subscription, now).filter(tidied -> subscriptions.replaceSecrets(subscription, tidied))
                    .isPresent();
        } catch (UnknownKeyEncryptionKeyException | WrappedKeyMismatchException unopened) {
            log.warn("The secret of webhook subscription {} cannot be opened, so it is neither re-wrapped nor used: {}",
                    subscription.id(), unopened.getMessage());
            return false;
        }
    }

    private void awaitWakeUp(Duration atMost) {
        try {
            wakeUps.tryAcquire(Math.max(1, atMost.toMillis()), TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void wakeUp() {
        wakeUps.release();
    }
}
