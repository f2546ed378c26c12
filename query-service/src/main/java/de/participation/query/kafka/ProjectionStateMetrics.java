package de.participation.query.kafka;

import de.participation.query.observability.RecentReading;
import de.participation.query.projection.ParkedRecords;
import de.participation.query.projection.ProjectionService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.util.function.ToLongFunction;

/**
 * The read models' state as gauges: {@code participation.projection.parked} (tag {@code kind}:
 * the {@code events} parked, the {@code meetings} they park) and
 * {@code participation.projection.catching-up} (1 while a new or replaced store is being filled
 * from the history and reads answer 503, else 0). Both are read from MongoDB, which every
 * instance shares: the parked counts at most once a second ({@link RecentReading}), the catch-up as
 * {@link ReadModelsCatchUp} reads it for reads (at most every half second).
 */
@Component
class ProjectionStateMetrics implements MeterBinder {

    static final String PARKED = "participation.projection.parked";
    static final String CATCHING_UP = "participation.projection.catching-up";

    private final RecentReading<ParkedRecords.Counts> parked;
    private final ReadModelsCatchUp catchUp;

    ProjectionStateMetrics(ProjectionService projection, ReadModelsCatchUp catchUp) {
        this.parked = RecentReading.forScrapes(() -> projection.parked().counts());
        this.catchUp = catchUp;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        parkedGauge(registry, "events", ParkedRecords.Counts::records, "Events the projection parked, not yet retried or skipped");
        parkedGauge(registry, "meetings", ParkedRecords.Counts::meetings, "Meetings parked behind an event that could not be applied");
        Gauge.builder(CATCHING_UP, () -> catchUp.progress().caughtUp() ? 0 : 1)
                .description("1 while the read models are filled from the history and reads answer 503, else 0")
                .register(registry);
    }

    private void parkedGauge(MeterRegistry registry, String kind, ToLongFunction<ParkedRecords.Counts> count,
                             String description) {
        Gauge.builder(PARKED, () -> count.applyAsLong(parked.get())).tag("kind", kind)
                .description(description).register(registry);
    }
}
