package de.participation.query.webhooks;

import org.apache.hc.core5.concurrent.Cancellable;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One deadline for a whole exchange with a receiver: connecting, sending, the answer's headers
 * and its body. When it passes, the request is cancelled, which closes its connection and ends
 * whatever read is waiting. A read timeout alone would not do: a receiver that trickles its answer
 * a byte at a time resets it with every byte and holds the delivery for ever.
 */
final class ExchangeDeadline implements AutoCloseable {

    private final ScheduledFuture<?> cancelling;
    private volatile boolean passed;

    ExchangeDeadline(Cancellable exchange, Duration after, ScheduledExecutorService timer) {
        this.cancelling = timer.schedule(() -> {
            passed = true;
            exchange.cancel();
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the exchange was cancelled because its time was up. */
    boolean passed() {
        return passed;
    }

    /** The exchange is over: the deadline no longer applies. */
    @Override
    public void close() {
        cancelling.cancel(false);
    }
}
