package de.participation.query.webhooks;

import de.participation.query.kafka.ProjectionOffsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the webhooks' consumer behind the projection: of a batch, only the records the projection
 * has committed (for the same store) are taken; the consumer is set back to the first of the
 * others, to read them again once the projection has passed them. So the projection has decided
 * on every record, applied or parked, before a delivery is made of it or it is held
 * ({@link HeldMeetings}). Where the projection stands is asked at most every {@link #ASK_EVERY};
 * with nothing to take, the consumer waits that long before it polls again.
 */
final class ProjectionGate {

    static final Duration ASK_EVERY = Duration.ofMillis(20);

    private final ProjectionOffsets offsets;
    private Map<Integer, Long> projected = new HashMap<>();
    private long askedAtNanos;

    ProjectionGate(ProjectionOffsets offsets) {
        this.offsets = offsets;
    }

    List<ConsumerRecord<String, String>> behindTheProjection(ConsumerRecords<String, String> records,
                                                             KafkaConsumer<String, String> kafka, String storeId)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<ConsumerRecord<String, String>> ready = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> of = records.records(partition);
            if (of.getLast().offset() >= projected(partition.partition()) && System.nanoTime() - askedAtNanos
                    > ASK_EVERY.toNanos()) {
                projected = offsets.committed(storeId);
                askedAtNanos = System.nanoTime();
            }
            long limit = projected(partition.partition());
            for (ConsumerRecord<String, String> record : of) {
                if (record.offset() < limit) {
                    ready.add(record);
                } else {
                    kafka.seek(partition, record.offset());
                    break;
                }
            }
        }
        if (ready.isEmpty()) {
            LockSupport.parkNanos(ASK_EVERY.toNanos());
        }
        return ready;
    }

    private long projected(int partition) {
        return projected.getOrDefault(partition, 0L);
    }
}
