package de.participation.query.support;

import de.participation.localstack.LocalIssuer;
import de.participation.web.security.Roles;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Bearer tokens for the tests, from a local issuer whose public key the service under test trusts. */
public final class TestTokens {

    private static final LocalIssuer ISSUER = LocalIssuer.in(temporaryDirectory());
    /**
     * The key of the service's keyed hashes in the tests: a required setting like the issuer's, so
     * it comes with them to every service a test starts.
     */
    public static final String HASH_KEY = "dGhlIHF1ZXJ5IHRlc3RzJyBrZXkgb2YgdGhlIGtleWVkIGhhc2hlcywgMzIgYnl0ZXM=";

    private TestTokens() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("participation.security.issuer", () -> LocalIssuer.ISSUER);
        registry.add("participation.security.audience", () -> LocalIssuer.AUDIENCE);
        registry.add("participation.security.public-key-location", () -> "file:" + ISSUER.publicKeyFile());
        registry.add("participation.privacy.hash-key", () -> HASH_KEY);
    }

    /** The same, as command-line arguments of a service started by a test. */
    public static List<String> arguments() {
        return List.of("--participation.security.issuer=" + LocalIssuer.ISSUER,
                "--participation.security.audience=" + LocalIssuer.AUDIENCE,
                "--participation.security.public-key-location=file:" + ISSUER.publicKeyFile(),
                "--participation.privacy.hash-key=" + HASH_KEY);
    }

    public static String organiser(String organisation) {
        return ISSUER.token(Roles.ORGANISER, organisation);
    }

    public static String withRole(String role) {
        return ISSUER.token(role, null);
    }

    /** An operator's token of the trusted issuer made for {@code audience} (none if empty), not for this system. */
    public static String forAudience(List<String> audience) {
        return ISSUER.token("operator-elsewhere", List.of(Roles.OPERATOR), null, Instant.now(), Duration.ofHours(1),
                audience);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("query-test-issuer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
