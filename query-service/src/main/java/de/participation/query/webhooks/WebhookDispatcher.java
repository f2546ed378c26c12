package de.participation.query.webhooks;

import de.participation.query.background.BackgroundLoop;
import de.participation.query.observability.EventTraces;
import de.participation.query.webhooks.Delivery.Attempt;
import de.participation.query.webhooks.Delivery.Status;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends the deliveries of the partitions this instance's {@link WebhookEventConsumer} holds. Each
 * subscriber's deliveries of one meeting form a queue that goes out in order: only its oldest
 * pending delivery is attempted, and the next waits until it was acknowledged or failed for good.
 * Queues go out side by side, up to {@code participation.webhooks.concurrency} at a time and up to
 * {@code participation.webhooks.concurrency-per-subscription} of one subscriber's, so that a slow
 * receiver holds only its own deliveries back ({@link AttemptsUnderWay}). A failed
 * attempt is retried after the next pause of {@code participation.webhooks.retry-delays}; when
 * they are used up, the delivery is failed and its queue moves on. Each attempt is a span
 * {@code deliver webhook} in the trace of the request that caused the event, if it carried one.
 */
@Component
class WebhookDispatcher extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** With nothing pending, the dispatcher looks this many times less often (a retry asked on another instance). */
    private static final int IDLE_SLOWER = 10;

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final Clock clock;
    private final AttemptsUnderWay underWay;
    private final EventTraces traces;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile List<Integer> partitions = List.of();
    private Instant prunedAt = Instant.MIN;

    WebhookDispatcher(Deliveries deliveries, Subscriptions subscriptions, WebhookSender sender,
                      WebhookProperties properties, Clock clock, EventTraces traces) {
        super("webhook-dispatcher");
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.traces = traces;
        this.underWay = new AttemptsUnderWay(properties.concurrency(), properties.concurrencyPerSubscription());
    }

    /** The partitions whose deliveries this instance sends (those its consumer holds now). */
    void own(List<Integer> held) {
        partitions = List.copyOf(held);
        newDeliveries();
    }

    /** Something may be due now: look without waiting for the next check. */
    void newDeliveries() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    @Override
    protected void work() {
        while (running()) {
            boolean pending = sendDue();
            pruneLog();
            awaitSignal(pending ? properties.checkEvery() : properties.checkEvery().multipliedBy(IDLE_SLOWER));
        }
    }

    /** Starts the attempts that are due; whether any delivery is pending. */
    private boolean sendDue() {
        List<Integer> held = partitions;
        if (held.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Map<String, Delivery> heads = new HashMap<>();
        deliveries.pendingIn(held).forEach(delivery -> heads.merge(delivery.queue(), delivery,
                (one, other) -> one.sequence() <= other.sequence() ? one : other));
        List<Delivery> due = heads.values().stream().filter(head -> !head.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Delivery::nextAttemptAt)).toList();
        for (Delivery head : due) {
            if (underWay.full()) {
                break;
            }
            if (underWay.start(head)) {
                senders.execute(() -> attemptAndRelease(head));
            }
        }
        return !heads.isEmpty();
    }

    private void attemptAndRelease(Delivery head) {
        try {
            attempt(head);
        } catch (RuntimeException failure) {
            log.warn("Delivery {} could not be attempted, trying again: {}", head.id(), failure.toString());
        } finally {
            underWay.finished(head);
            newDeliveries();
        }
    }

    /**
     * Reads the delivery again first: the list it was chosen from may be older than the outcome of
     * its previous attempt, and an acknowledged delivery must not be sent again.
     */
    private void attempt(Delivery chosen) {
        Optional<Delivery> pending = deliveries.find(chosen.id())
                .filter(delivery -> delivery.status() == Status.PENDING && !delivery.nextAttemptAt().isAfter(clock.instant()));
        if (pending.isEmpty()) {
            return;
        }
        Optional<Subscription> subscription = subscriptions.find(chosen.webhookId());
        if (subscription.isEmpty()) {
            deliveries.remove(chosen); // written for a subscription deleted meanwhile
            return;
        }
        Delivery delivery = pending.get();
        Span span = traces.continueTrace(delivery.traceparent(), "deliver webhook", Span.Kind.CLIENT)
                .tag("event.type", delivery.event());
        try (Tracer.SpanInScope scope = traces.inScope(span)) {
            Attempt attempt = sender.send(subscription.get(), delivery);
            if (attempt.status() != null) {
                span.tag("http.response.status_code", attempt.status());
            }
            span.tag("outcome", attempt.succeeded() ? "delivered" : "failed");
            if (attempt.succeeded()) {
                deliveries.delivered(delivery, attempt);
            } else {
                deliveries.attemptFailed(delivery, attempt, nextAttempt(delivery, attempt.at()));
            }
        } finally {
            span.end();
        }
    }

    private Optional<Instant> nextAttempt(Delivery delivery, Instant failedAt) {
        List<Duration> delays = properties.retryDelays();
        return delivery.roundAttempts() < delays.size()
                ? Optional.of(failedAt.plus(delays.get(delivery.roundAttempts()))) : Optional.empty();
    }

    private void pruneLog() {
        Instant now = clock.instant();
        if (prunedAt.plus(PRUNE_EVERY).isBefore(now)) {
            deliveries.removeFinishedBefore(now.minus(properties.keepLog()));
            prunedAt = now;
        }
    }

    private void awaitSignal(Duration atMost) {
        synchronized (signal) {
            try {
                if (!signalled) {
                    signal.wait(atMost.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            signalled = false;
        }
    }

    @Override
    protected void wakeUp() {
        newDeliveries();
    }

    /** Lets attempts under way finish, so that an acknowledged delivery is recorded as such. */
    @Override
    public void stop() {
        super.stop();
        senders.shutdown();
        try {
            senders.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
