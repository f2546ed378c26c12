package de.participation.query.kafka;

import de.participation.kafka.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How far the live projection is behind, per partition of the events topic this instance
 * projects, as its consumers see it at each poll (a scrape asks neither Kafka nor MongoDB):
 * {@code participation.projection.lag} counts the partition's events not yet projected (no unit
 * in its name, so that Prometheus shows it as {@code participation_projection_lag}), and
 * {@code participation.projection.lag.seconds} is the age of the oldest of them (0 when none is
 * left). A consumer that cannot write (MongoDB away) fetches its oldest unprojected records again
 * at each restart, so their age keeps growing while the outage lasts. A partition's meters exist
 * only on the instance that projects it, so that Prometheus sees one series per partition.
 */
@Component
public class ProjectionLag {

    static final String EVENTS = "participation.projection.lag";
    static final String SECONDS = "participation.projection.lag.seconds";

    /**
     * Where one partition stood at its consumer's last poll.
     *
     * @param oldestPendingMillis the time stamp of its oldest record not yet projected, if any
     */
    private record Seen(long behind, long oldestPendingMillis, List<Meter> meters) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Integer, Seen> partitions = new ConcurrentHashMap<>();

    ProjectionLag(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * After a poll, before its records are projected: each partition is behind by what the broker
     * holds beyond the records just fetched, plus those records; the first of them is the oldest
     * one pending.
     */
    void polled(Consumer<String, String> kafka, ConsumerRecords<String, String> records) {
        for (TopicPartition partition : kafka.assignment()) {
            OptionalLong beyond = kafka.currentLag(partition);
            if (!partition.topic().equals(Topics.MEETING_EVENTS) || beyond.isEmpty()) {
                continue; // not fetched yet: nothing known
            }
            List<ConsumerRecord<String, String>> fetched = records.records(partition);
            long behind = beyond.getAsLong() + fetched.size();
            partitions.compute(partition.partition(), (number, seen) -> new Seen(behind,
                    oldestPending(behind, fetched, seen), seen == null ? meters(number) : seen.meters()));
        }
    }

    /** The partitions went to another consumer, which reports them from now on. */
    void released(Collection<TopicPartition> released) {
        for (TopicPartition partition : released) {
            Seen seen = partitions.remove(partition.partition());
            if (seen != null) {
                seen.meters().forEach(registry::remove);
            }
        }
    }

    /**
     * The first record fetched, or, if the poll fetched none of a partition still behind (its
     * records are on their way), the oldest known before, else now: the events behind must have
     * arrived since the last poll.
     */
    private long oldestPending(long behind, List<ConsumerRecord<String, String>> fetched, Seen before) {
        if (behind == 0) {
            return 0;
        }
        if (!fetched.isEmpty()) {
            return fetched.getFirst().timestamp();
        }
        return before != null && before.behind() > 0 ? before.oldestPendingMillis() : clock.millis();
    }

    private List<Meter> meters(int partition) {
        String tag = Integer.toString(partition);
        return List.of(
                Gauge.builder(EVENTS, () -> behind(partition)).tag("partition", tag)
                        .description("Events of the partition not yet projected into the read models")
                        .register(registry),
                TimeGauge.builder(SECONDS, () -> ageOfOldestPending(partition), TimeUnit.MILLISECONDS)
                        .tag("partition", tag)
                        .description("Age of the partition's oldest event not yet projected (0 when none is)")
                        .register(registry));
    }

    private double behind(int partition) {
        Seen seen = partitions.get(partition);
        return seen == null ? Double.NaN : seen.behind();
    }

    private double ageOfOldestPending(int partition) {
        Seen seen = partitions.get(partition);
        if (seen == null) {
            return Double.NaN;
        }
        return seen.behind() == 0 ? 0 : Math.max(0, clock.millis() - seen.oldestPendingMillis());
    }
}
