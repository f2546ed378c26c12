package de.participation.query.config;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether MongoDB answers: without it no read can be served, so it is the one part the readiness
 * probe waits for. A ping, not a read of the models, so that an empty or catching-up store is
 * still ready; it fails within the driver's server selection timeout (MongoConfiguration).
 */
@Component("mongo")
class MongoHealth implements HealthIndicator {

    private static final Document PING = new Document("ping", 1);

    private final MongoDatabase database;

    MongoHealth(MongoDatabase readModelDatabase) {
        this.database = readModelDatabase;
    }

    @Override
    public Health health() {
        try {
            database.runCommand(PING);
            return Health.up().build();
        } catch (RuntimeException unreachableOrRefused) {
            // away, or refusing this service (credentials): either way no read can be served
            return Health.down().build();
        }
    }
}
