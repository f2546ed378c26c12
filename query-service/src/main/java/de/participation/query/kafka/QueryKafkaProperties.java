package de.participation.query.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How the query service reads the history. Where the brokers are and how to authenticate are
 * Spring Boot's standard Kafka properties (spring.kafka.*, {@link QueryKafkaClients}).
 *
 * @param groupId           the consumer group; instances of the query service share its partitions
 * @param replicationFactor replicas of this service's own topics (dead letters, skips) if it has to create them
 * @param maxPollRecords    the most records folded into one batch write
 * @param instanceId        a stable name of this instance in the group (static membership), so that
 *                          a restarted instance takes its partitions back at once instead of after
 *                          the session timeout; empty for dynamic membership
 * @param sessionTimeout    how long the group waits for a silent instance before moving its
 *                          partitions to the others
 * @param batchWait         how long the broker may hold a fetch back to gather more events for one
 *                          batch (unless {@code batchBytes} come first): every batch costs its reads,
 *                          writes and offset commit, so a few events per batch cost much less per
 *                          event than one; an event is projected later by at most this much
 * @param batchBytes        how many bytes of events the broker gathers before it answers at once
 */
@ConfigurationProperties("participation.kafka")
public record QueryKafkaProperties(
        @DefaultValue("query-service") String groupId,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("500") int maxPollRecords,
        @DefaultValue("") String instanceId,
        @DefaultValue("10s") Duration sessionTimeout,
        @DefaultValue("10ms") Duration batchWait,
        @DefaultValue("64KB") DataSize batchBytes) {
}
