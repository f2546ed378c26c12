package de.participation.command.web;

import de.participation.web.privacy.KeyedHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies {@link RateLimitProperties} to registration requests, across all instances
 * ({@link SharedTokenBuckets}): every {@code report-every} it reports what it took, and now and then
 * forgets the buckets that are full again.
 */
@Component
class RegistrationRateLimiter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegistrationRateLimiter.class);
    private static final Duration FORGET_FULL_EVERY = Duration.ofMinutes(1);

    private final SharedTokenBuckets perEmail;
    private final SharedTokenBuckets perAddress;
    private final SharedBucketTable table;
    private final KeyedHash keyedHash;
    private final Duration reportEvery;
    private ScheduledExecutorService executor;

    RegistrationRateLimiter(RateLimitProperties properties, SharedBucketTable table, KeyedHash keyedHash) {
        Clock clock = Clock.systemUTC();
        this.perEmail = new SharedTokenBuckets("email", properties.perEmail().registrations(),
                properties.perEmail().period(), table, clock);
        this.perAddress = new SharedTokenBuckets("address", properties.perAddress().registrations(),
                properties.perAddress().period(), table, clock);
        this.table = table;
        this.keyedHash = keyedHash;
        this.reportEvery = properties.reportEvery();
    }

    /**
     * @throws RateLimitedException when the email or the end-user address has used up its registrations
     */
    void admit(String email, String endUserAddress) {
        Optional<Duration> wait = perEmail.take(keyedHash.of("rate-limit-email", email.trim().toLowerCase(Locale.ROOT)));
        if (wait.isEmpty() && endUserAddress != null) {
            wait = perAddress.take(keyedHash.of("rate-limit-address", endUserAddress));
        }
        wait.ifPresent(retryAfter -> {
            throw new RateLimitedException(retryAfter);
        });
    }

    private void report() {
        for (SharedTokenBuckets buckets : List.of(perEmail, perAddress)) {
            try {
                buckets.report();
            } catch (RuntimeException failure) {
                log.warn("Reporting the registrations to the shared rate limits failed; trying again in {}: {}",
                        reportEvery, failure.toString());
            }
        }
    }

    private void forgetFull() {
        try {
            table.forgetFull();
        } catch (RuntimeException failure) {
            log.warn("Deleting the full rate-limit buckets failed; trying again in {}: {}", FORGET_FULL_EVERY,
                    failure.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("rate-limit-reports")
                .daemon().factory());
        executor.scheduleWithFixedDelay(this::report, reportEvery.toMillis(), reportEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::forgetFull, FORGET_FULL_EVERY.toMillis(), FORGET_FULL_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        // What was taken since the last report still counts for the other instances.
        report();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    static class RateLimitedException extends RuntimeException {

        private final Duration retryAfter;

        RateLimitedException(Duration retryAfter) {
            super("Too many registrations for this participant or address; retry later", null, false, false);
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, rounded up, as the Retry-After header wants them. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
