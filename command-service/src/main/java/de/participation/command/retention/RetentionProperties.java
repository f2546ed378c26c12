package de.participation.command.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The deployment's retention period: how many days after a meeting ended its participants'
 * personal data is erased when the organiser chose none (DOMAIN.md: 0 to 730, default 90).
 */
@Validated
@ConfigurationProperties("participation.retention")
public record RetentionProperties(@DefaultValue("90") @Min(0) @Max(730) int defaultDays) {
}
