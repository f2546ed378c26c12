package de.participation.command.support;

import de.participation.localstack.LocalIssuer;
import de.participation.web.security.Roles;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Bearer tokens for the tests, from a local issuer whose public key the service under test trusts. */
public final class TestTokens {

    public static final String ORGANISATION = "SMWA";
    public static final String OTHER_ORGANISATION = "STADT-LEIPZIG";
    private static final LocalIssuer ISSUER = LocalIssuer.in(TestDataDirectory.create().resolve("issuer"));

    private TestTokens() {
    }

    /** The service trusts the test issuer. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("participation.security.issuer", () -> LocalIssuer.ISSUER);
        registry.add("participation.security.audience", () -> LocalIssuer.AUDIENCE);
        registry.add("participation.security.public-key-location", () -> "file:" + ISSUER.publicKeyFile());
    }

    /** The same, as command-line arguments for a service started by a test. */
    public static List<String> arguments() {
        return List.of("--participation.security.issuer=" + LocalIssuer.ISSUER,
                "--participation.security.audience=" + LocalIssuer.AUDIENCE,
                "--participation.security.public-key-location=file:" + ISSUER.publicKeyFile());
    }

    public static String portal() {
        return ISSUER.token(Roles.PORTAL, null);
    }

    public static String organiser() {
        return organiser(ORGANISATION);
    }

    public static String organiser(String organisation) {
        return ISSUER.token(Roles.ORGANISER, organisation);
    }

    public static String withRole(String role) {
        return ISSUER.token(role, null);
    }

    public static String expired() {
        return ISSUER.token("portal-expired", List.of(Roles.PORTAL), null, Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1));
    }

    /** A portal token of the trusted issuer made for {@code audience} (none if empty), not for this system. */
    public static String forAudience(List<String> audience) {
        return ISSUER.token("portal-elsewhere", List.of(Roles.PORTAL), null, Instant.now(), Duration.ofHours(1), audience);
    }

    /** A portal token signed by a key the service does not know. */
    public static String foreign() {
        return LocalIssuer.in(TestDataDirectory.create().resolve("foreign-issuer")).token(Roles.PORTAL, null);
    }
}
