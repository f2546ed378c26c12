package de.participation.query.webhooks;

import de.participation.query.observability.RecentReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The webhooks' meters, none tagged with a subscription: {@code participation.webhooks.deliveries}
 * counts attempts by {@code outcome}, {@code participation.webhooks.attempt} times the attempts
 * that reached the network, and {@code participation.webhooks.backlog} gauges the deliveries still
 * pending, in {@code total} and of the subscription with the most ({@code largest}), read from
 * MongoDB (shared by every instance) at most once a second ({@link RecentReading}).
 */
@Component
class WebhookMetrics {

    /** How an attempt ended; the tag value is the name in lower case with dashes. */
    enum Outcome {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** The receiver answered with another status. */
        ERROR_STATUS,
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** No connection, or it broke. */
        CONNECTION_FAILED,
        /** Not sent: the URL's form or address is refused, or its name does not resolve. */
        REFUSED_TARGET;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final String DELIVERIES = "participation.webhooks.deliveries";
    static final String ATTEMPT = "participation.webhooks.attempt";
    static final String BACKLOG = "participation.webhooks.backlog";

    private final Map<Outcome, Counter> attempts = new EnumMap<>(Outcome.class);
    private final Timer attemptTime;

    WebhookMetrics(MeterRegistry registry, Deliveries deliveries) {
        for (Outcome outcome : Outcome.values()) {
            attempts.put(outcome, Counter.builder(DELIVERIES).tag("outcome", outcome.tag())
                    .description("Webhook delivery attempts by outcome").register(registry));
        }
        attemptTime = Timer.builder(ATTEMPT).description("Time from sending a webhook to its receiver's complete answer")
                .register(registry);
        RecentReading<Deliveries.Backlog> backlog = RecentReading.forScrapes(deliveries::backlog);
        backlogGauge(registry, backlog, "total", Deliveries.Backlog::total);
        backlogGauge(registry, backlog, "largest", Deliveries.Backlog::largest);
    }

    /** An attempt that reached the network, after {@code tookNanos}. */
    void attempted(Outcome outcome, long tookNanos) {
        attempts.get(outcome).increment();
        attemptTime.record(Duration.ofNanos(tookNanos));
    }

    /** An attempt that was not sent. */
    void refused() {
        attempts.get(Outcome.REFUSED_TARGET).increment();
    }

    private static void backlogGauge(MeterRegistry registry, RecentReading<Deliveries.Backlog> backlog, String scope,
                                     ToLongFunction<Deliveries.Backlog> count) {
        Gauge.builder(BACKLOG, () -> count.applyAsLong(backlog.get())).tag("scope", scope)
                .description("Webhook deliveries pending: in total, and of the subscription with the most")
                .register(registry);
    }
}
