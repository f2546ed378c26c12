package de.participation.command.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points the embedded PostgreSQL of one test class at a fresh directory, with fsync off for speed.
 * Tests that are not about Kafka run without the forwarder; the forwarding tests start a broker.
 * The service trusts the tokens of {@link TestTokens}.
 */
public final class TestDataDirectory {

    private TestDataDirectory() {
    }

    public static Path create() {
        try {
            return Files.createTempDirectory("command-service-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void register(DynamicPropertyRegistry registry, Path directory) {
        registry.add("participation.embedded-postgres.data-directory", directory::toString);
        registry.add("participation.embedded-postgres.fsync", () -> "false");
        registry.add("participation.kafka.enabled", () -> "false");
        // The tests of other behaviour register the same person many times on purpose.
        registry.add("participation.rate-limits.per-email.registrations", () -> "100000");
        TestTokens.register(registry);
    }
}
