package de.participation.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the read models live.
 *
 * @param uri           a MongoDB connection string (required)
 * @param database      the database holding the read-model collections
 * @param changeStreams whether the server offers change streams (a replica set does; the local
 *                      stack's stand-in and a standalone server do not)
 */
@ConfigurationProperties("participation.mongodb")
public record MongoProperties(
        String uri,
        @DefaultValue("participation") String database,
        @DefaultValue("true") boolean changeStreams) {
}
