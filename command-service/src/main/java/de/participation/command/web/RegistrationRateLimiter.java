package de.participation.command.web;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Applies {@link RateLimitProperties} to registration requests. Limits are per instance. */
@Component
class RegistrationRateLimiter {

    private final TokenBuckets perEmail;
    private final TokenBuckets perAddress;

    RegistrationRateLimiter(RateLimitProperties properties) {
        Clock clock = Clock.systemUTC();
        perEmail = new TokenBuckets(properties.perEmail().registrations(), properties.perEmail().period(), clock);
        perAddress = new TokenBuckets(properties.perAddress().registrations(), properties.perAddress().period(), clock);
    }

    /**
     * @throws RateLimitedException when the email or the end-user address has used up its registrations
     */
    void admit(String email, String endUserAddress) {
        Optional<Duration> wait = perEmail.take(email.trim().toLowerCase(Locale.ROOT));
        if (wait.isEmpty() && endUserAddress != null) {
            wait = perAddress.take(endUserAddress);
        }
        wait.ifPresent(retryAfter -> {
            throw new RateLimitedException(retryAfter);
        });
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
