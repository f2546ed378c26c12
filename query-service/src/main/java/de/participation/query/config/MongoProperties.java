package de.participation.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the read models live.
 *
 * @param uri               a MongoDB connection string; empty to start the embedded stand-in
 * @param database          the database holding the read-model collections
 * @param embeddedDataFile  the stand-in's file (survives restarts); empty keeps it in memory
 * @param embeddedPort      the stand-in's port, 0 for any free one
 */
@ConfigurationProperties("participation.mongodb")
public record MongoProperties(
        @DefaultValue("") String uri,
        @DefaultValue("participation") String database,
        @DefaultValue("") String embeddedDataFile,
        @DefaultValue("0") int embeddedPort) {

    public boolean embedded() {
        return uri.isBlank();
    }

    public Path embeddedFile() {
        return embeddedDataFile.isBlank() ? null : Path.of(embeddedDataFile);
    }
}
