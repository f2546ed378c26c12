package de.participation.command.support;

import de.participation.localstack.LocalPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The tests' PostgreSQL: one server for the whole test JVM (the local stack's, with fsync off for
 * speed; it stops with the JVM), a database of its own for each test class or service instance.
 */
public final class TestDatabase {

    /** The key of the service's keyed hashes in the tests. */
    public static final String HASH_KEY = "dGVzdHMnIGtleSBvZiB0aGUga2V5ZWQgaGFzaGVzLCAzMiBieXRlcyBvciBtb3Jl";

    private static final LocalPostgres SERVER = LocalPostgres.start(TestDataDirectory.create(), 0, false);

    private TestDatabase() {
    }

    /** A new, empty database; its JDBC URL. */
    public static String create() {
        return SERVER.createDatabase();
    }

    /**
     * Points the service under test at a new database of its own. Tests that are not about Kafka run
     * without the forwarder; the forwarding tests start a broker. The service trusts the tokens of
     * {@link TestTokens}, and wraps its keys under {@link TestKeyEncryptionKeys}.
     */
    public static void register(DynamicPropertyRegistry registry) {
        String url = create();
        registry.add("spring.datasource.url", () -> url);
        registry.add("participation.kafka.enabled", () -> "false");
        registry.add("participation.privacy.hash-key", () -> HASH_KEY);
        // The tests of other behaviour register the same person many times on purpose.
        registry.add("participation.rate-limits.per-email.registrations", () -> "100000");
        registry.add(TestKeyEncryptionKeys.PROPERTY, () -> TestKeyEncryptionKeys.VALUE);
        TestTokens.register(registry);
    }
}
