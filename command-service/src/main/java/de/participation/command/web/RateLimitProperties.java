package de.participation.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits that stop a bot from hoarding seats without throttling a legitimate rush: they count
 * registrations per participant email and per end-user address (the {@code X-End-User-Address}
 * header the portal forwards), never per calling client, so the portal as a whole is not limited.
 */
@ConfigurationProperties("participation.rate-limits")
public record RateLimitProperties(
        @DefaultValue Limit perEmail,
        @DefaultValue Limit perAddress) {

    /** {@code registrations} at once, refilled evenly over {@code period}. */
    public record Limit(@DefaultValue("20") int registrations, @DefaultValue("1h") Duration period) {
    }
}
