package de.participation.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits that stop a bot from hoarding seats without throttling a legitimate rush: they count
 * registrations per participant email and per end-user address (the {@code X-End-User-Address}
 * header the portal forwards), never per calling client, so the portal as a whole is not limited.
 * They hold across all instances; each instance reports what it took every {@code reportEvery}
 * (SharedTokenBuckets), and may run past a limit by one registration per instance at most.
 */
@ConfigurationProperties("participation.rate-limits")
public record RateLimitProperties(
        @DefaultValue Limit perEmail,
        @DefaultValue Limit perAddress,
        @DefaultValue("100ms") Duration reportEvery) {

    /** {@code registrations} at once, refilled evenly over {@code period}. */
    public record Limit(@DefaultValue("20") int registrations, @DefaultValue("1h") Duration period) {
    }
}
