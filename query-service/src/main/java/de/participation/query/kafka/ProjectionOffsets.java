package de.participation.query.kafka;

import de.participation.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the live projection stands on the events topic, as Kafka knows it: the offsets its group
 * committed for one store, and the topic's end. Asked by the catch-up ({@link ReadModelsCatchUp})
 * and by the webhooks' consumer, which never runs ahead of the projection.
 */
@Component
public class ProjectionOffsets implements DisposableBean {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(2);

    private final QueryKafkaClients kafka;
    private Admin admin;

    ProjectionOffsets(QueryKafkaClients kafka) {
        this.kafka = kafka;
    }

    /**
     * The next offset the projection will apply, per partition, counting only offsets committed
     * for {@code storeId} (others belong to a store that is gone: 0).
     */
    public Map<Integer, Long> committed(String storeId) throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(kafka.groupId())
                .partitionsToOffsetAndMetadata().get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, Long> positions = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (partition.topic().equals(Topics.MEETING_EVENTS) && offset != null && storeId.equals(offset.metadata())) {
                positions.put(partition.partition(), offset.offset());
            }
        });
        return positions;
    }

    /** The end of each partition of the events topic; none while the topic does not exist. */
    Map<TopicPartition, Long> ends() throws ExecutionException, TimeoutException, InterruptedException {
        List<TopicPartition> partitions;
        try {
            partitions = admin().describeTopics(List.of(Topics.MEETING_EVENTS)).allTopicNames()
                    .get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.MEETING_EVENTS).partitions().stream()
                    .map(partition -> new TopicPartition(Topics.MEETING_EVENTS, partition.partition())).toList();
        } catch (ExecutionException missing) {
            if (missing.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of(); // no history yet
            }
            throw missing;
        }
        return admin().listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                        partition -> OffsetSpec.latest()))).all().get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset(),
                        (a, b) -> a, HashMap::new));
    }

    /** One admin client, made when first needed (a caught-up store without webhooks needs none). */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Topics.admin(kafka.admin());
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(KAFKA_WAIT);
        }
    }
}
