package de.participation.command.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh directory for the files of a test's infrastructure (a Kafka log, a PostgreSQL server). */
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
}
