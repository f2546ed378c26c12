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

    private TestTokens() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("participation.security.issuer", () -> LocalIssuer.ISSUER);
        registry.add("participation.security.audience", () -> LocalIssuer.AUDIENCE);
        registry.add("participation.security.public-key-location", () -> "file:" + ISSUER.publicKeyFile());
    }

    /** The same, as command-line arguments of a service started by a test. */
    public static List<String> arguments() {
        return List.of("--participation.security.issuer=" + LocalIssuer.ISSUER,
                "--participation.security.audience=" + LocalIssuer.AUDIENCE,
                "--participation.security.public-key-location=file:" + ISSUER.publicKeyFile());
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
