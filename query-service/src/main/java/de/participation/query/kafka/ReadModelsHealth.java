package de.participation.query.kafka;

import de.participation.query.kafka.ReadModelsCatchUp.Progress;
import de.participation.query.projection.MongoOutage;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The read models' state in {@code /actuator/health}: UP when live, CATCHING_UP while they are
 * rebuilt from the history, with the progress in the details (for operators). CATCHING_UP answers
 * 200 like UP: the service answers honestly (503 with the progress), so it is ready, and a
 * balancer must not take it out for that.
 */
@Component("readModels")
class ReadModelsHealth implements HealthIndicator {

    private final ReadModelsCatchUp catchUp;

    ReadModelsHealth(ReadModelsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public Health health() {
        Progress progress;
        try {
            progress = catchUp.progress();
        } catch (RuntimeException failure) {
            if (!MongoOutage.is(failure)) {
                throw failure;
            }
            // reads answer 503 READ_MODELS_UNAVAILABLE meanwhile; the service waits for MongoDB, as before
            return Health.status("DEGRADED").withDetail("state", "UNREACHABLE").build();
        }
        Health.Builder health = (progress.caughtUp() ? Health.up() : Health.status("CATCHING_UP"))
                .withDetail("state", progress.state());
        if (progress.eventsProjected() != null) {
            health.withDetail("eventsProjected", progress.eventsProjected());
        }
        if (progress.eventsToGo() != null) {
            health.withDetail("eventsToGo", progress.eventsToGo());
        }
        return health.build();
    }
}
