package de.participation.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The PostgreSQL that the service starts itself when no datasource URL is configured.
 *
 * @param dataDirectory where its files live; they survive restarts
 * @param port          0 for any free port
 * @param fsync         keep PostgreSQL's default (on) so that an acknowledged event survives a
 *                      crash of the machine; tests switch it off for speed
 */
@ConfigurationProperties("participation.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("./.data/postgres") Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("true") boolean fsync) {
}
