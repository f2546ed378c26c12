package de.participation.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers a verified token for its remaining lifetime, keyed by its full value, so that a
 * caller sending the same token again (the portal sends one token for many requests) is not
 * verified again: checking an RSA signature cost more CPU than a registration itself. Only
 * verified tokens are remembered, each until its expiry at the latest; a changed token (a single
 * byte) is a different key and is verified in full. Bounded, the least recently used leaving first.
 */
final class RememberingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    RememberingJwtDecoder(JwtDecoder verifier, long maximumSize, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> remainingLifetime(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered != null && isUnexpired(remembered)) {
            return remembered;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** Expiry by the cache is approximate; the answer never relies on it. */
    private boolean isUnexpired(Jwt jwt) {
        return clock.instant().isBefore(jwt.getExpiresAt());
    }

    private Duration remainingLifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Duration remaining = Duration.between(clock.instant(), expiresAt);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }
}
