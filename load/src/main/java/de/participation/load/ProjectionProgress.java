package de.participation.load;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * How far the query service has projected, read from outside the service: the offsets its consumer
 * group commits, which it does only after a batch's read models are written. Asking the broker
 * costs the service nothing, unlike its own status endpoint. Also measures the lag of single
 * events: from when each was due to be published until the committed offset passed it.
 */
final class ProjectionProgress implements AutoCloseable {

    private static final long POLL_NANOS = 10_000_000;

    private final Admin admin;
    private final String group;
    private final Map<TopicPartition, ConcurrentNavigableMap<Long, Long>> dueByOffset = new ConcurrentHashMap<>();

    ProjectionProgress(String bootstrapServers, String group) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.group = group;
    }

    /** Waits until the group has committed at least {@code ends} on every partition. */
    void awaitProjected(Map<TopicPartition, Long> ends) throws ExecutionException, InterruptedException {
        while (!reached(committed(), ends)) {
            Thread.sleep(20);
        }
    }

    /** Remembers that the record at {@code offset} of {@code partition} was due at {@code dueNanos}. */
    void published(TopicPartition partition, long offset, long dueNanos) {
        dueByOffset.computeIfAbsent(partition, any -> new ConcurrentSkipListMap<>()).put(offset, dueNanos);
    }

    /**
     * Polls the committed offsets every 10 ms while records are published, until the publisher has
     * finished at {@code ends} and all are projected, and records each one's lag.
     */
    Latencies lags(CompletableFuture<Map<TopicPartition, Long>> ends, int records)
            throws ExecutionException, InterruptedException {
        Latencies lags = new Latencies(records);
        while (true) {
            long now = System.nanoTime();
            Map<TopicPartition, Long> committed = committed();
            dueByOffset.forEach((partition, due) -> {
                Map<Long, Long> projected = due.headMap(committed.getOrDefault(partition, 0L));
                projected.values().forEach(dueNanos -> lags.recordIfRoom(now - dueNanos));
                projected.clear();
            });
            if (ends.isDone() && reached(committed, ends.get())) {
                return lags;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private Map<TopicPartition, Long> committed() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    @Override
    public void close() {
        admin.close();
    }
}
