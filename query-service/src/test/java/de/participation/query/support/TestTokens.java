package de.participation.query.support;

import de.participation.localstack.LocalIssuer;
import de.participation.web.security.Roles;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Bearer tokens for the tests, from a local issuer whose public key the service under test trusts. */
public final class TestTokens {

    private static final LocalIssuer ISSUER = LocalIssuer.in(temporaryDirectory());

    private TestTokens() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("participation.security.issuer", () -> LocalIssuer.ISSUER);
        registry.add("participation.security.public-key-location", () -> "file:" + ISSUER.publicKeyFile());
    }

    /** The same, as command-line arguments of a service started by a test. */
    public static List<String> arguments() {
        return List.of("--participation.security.issuer=" + LocalIssuer.ISSUER,
                "--participation.security.public-key-location=file:" + ISSUER.publicKeyFile());
    }

    public static String organiser(String organisation) {
        return ISSUER.token(Roles.ORGANISER, organisation);
    }

    public static String withRole(String role) {
        return ISSUER.token(role, null);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("query-test-issuer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
