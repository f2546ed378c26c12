package de.participation.web.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RememberingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    /** Verifies "good-…" tokens (valid for an hour from NOW) and refuses every other; records each call. */
    private final List<String> verified = new ArrayList<>();
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(1))).build();
    };

    private RememberingJwtDecoder decoderAt(Clock clock) {
        return new RememberingJwtDecoder(verifier, 100, clock);
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainWhileItIsValid() {
        RememberingJwtDecoder decoder = decoderAt(Clock.fixed(NOW, ZoneOffset.UTC));

        Jwt first = decoder.decode("good-portal");
        Jwt second = decoder.decode("good-portal");

        assertThat(second).isSameAs(first);
        assertThat(verified).containsExactly("good-portal");
    }

    @Test
    void anotherTokenIsVerifiedInFull() {
        RememberingJwtDecoder decoder = decoderAt(Clock.fixed(NOW, ZoneOffset.UTC));
        decoder.decode("good-portal");

        assertThat(decoder.decode("good-organiser").getSubject()).isEqualTo("good-organiser");
        assertThat(verified).containsExactly("good-portal", "good-organiser");
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        RememberingJwtDecoder decoder = decoderAt(Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("bad-token", "bad-token");
    }

    @Test
    void anExpiredTokenIsVerifiedAgainNotServedFromMemory() {
        RememberingJwtDecoder decoder = decoderAt(Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        decoder.decode("good-portal");

        decoder.decode("good-portal");

        assertThat(verified).containsExactly("good-portal", "good-portal");
    }
}
