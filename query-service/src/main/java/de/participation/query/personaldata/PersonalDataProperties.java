package de.participation.query.personaldata;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where sealed participants are opened, and how long an opened one may be kept.
 *
 * @param commandServiceUrl the command service, whose key service alone holds the keys
 * @param timeout           how long a read waits for it before showing participants as unavailable
 * @param cacheFor          how long an opened participant is kept for the same kind of reader (0:
 *                          not at all), at most {@link #MAX_CACHE_FOR}, so that with the retention check every 10 s
 *                          an erasure shows everywhere within the promised minute
 * @param cacheEntries      how many opened participants are kept at most
 */
@ConfigurationProperties("participation.personal-data")
public record PersonalDataProperties(
        @DefaultValue("http://localhost:8081") URI commandServiceUrl,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("30s") Duration cacheFor,
        @DefaultValue("100000") long cacheEntries) {

    static final Duration MAX_CACHE_FOR = Duration.ofSeconds(50);

    public PersonalDataProperties {
        if (cacheFor.isNegative() || cacheFor.compareTo(MAX_CACHE_FOR) > 0) {
            throw new IllegalArgumentException("participation.personal-data.cache-for must lie between 0 (keep nothing) and "
                    + MAX_CACHE_FOR + " (an erasure must show within a minute), not " + cacheFor);
        }
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("participation.personal-data.cache-entries must not be negative");
        }
    }
}
