package de.participation.query.admin;

import de.participation.kafka.Topics;
import de.participation.query.kafka.ParkingProjection;
import de.participation.query.kafka.QueryKafkaClients;
import de.participation.query.kafka.SkippedRecords;
import de.participation.query.projection.KnownDocuments;
import de.participation.query.projection.ProjectionService;
import de.participation.query.projection.ReadModelStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The whole history replayed from offset 0 into one generation's read models, by the live
 * projection's own code, with a consumer outside the consumer group (it commits nothing), under the
 * same parking rule ({@link ParkingProjection}): a record the live projection could not apply
 * parks its meeting in the target generation too, and the records operators skipped are skipped.
 */
final class HistoryReplay implements AutoCloseable {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final KafkaConsumer<String, String> consumer;
    private final Admin admin;
    private final QueryKafkaClients kafka;
    private final List<TopicPartition> partitions;
    private final ProjectionService projection;
    private final ReadModelStore target;
    private final Set<String> skipped;
    private final Clock clock;
    private KnownDocuments known;
    private Set<UUID> parked = Set.of();
    private long eventsProjected;
    private long eventsParked;

    /** @param known what the replay remembers of the documents it wrote, while it alone writes them */
    HistoryReplay(QueryKafkaClients kafka, ProjectionService projection, ReadModelStore target,
                  KnownDocuments known, SkippedRecords skippedRecords, Clock clock) {
        this.kafka = kafka;
        this.projection = projection;
        this.target = target;
        this.known = known;
        this.skipped = skippedRecords.positions();
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000)),
                new StringDeserializer(), new StringDeserializer());
        this.admin = Topics.admin(kafka.admin());
        this.partitions = consumer.partitionsFor(Topics.MEETING_EVENTS).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Replays until every partition reaches the topic's end as it is when checked. */
    void untilHead(Consumer<HistoryReplay> progress) {
        while (!reached(consumer.endOffsets(partitions))) {
            next(progress);
        }
    }

    /** Replays until every partition reaches what the live consumer group has committed now. */
    void untilLiveCommitted(Consumer<HistoryReplay> progress) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(kafka.groupId())
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(partition -> offsets.put(partition,
                committed.get(partition) == null ? 0L : committed.get(partition).offset()));
        while (!reached(offsets)) {
            next(progress);
        }
    }

    /** From now on the live projection writes the target too (it went live): nothing is remembered any more. */
    void sharedFromNowOn() {
        known = known.rememberingNothing();
    }

    long eventsProjected() {
        return eventsProjected;
    }

    /** Records the replay parked, as the live projection did. */
    long eventsParked() {
        return eventsParked;
    }

    /** Position, end and lag per partition. */
    List<Map<String, Long>> partitionProgress() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().map(partition -> {
            long position = consumer.position(partition);
            long end = ends.get(partition);
            return Map.of("partition", (long) partition.partition(), "position", position, "end", end,
                    "lag", Math.max(0, end - position));
        }).toList();
    }

    private boolean reached(Map<TopicPartition, Long> offsets) {
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= offsets.get(partition));
    }

    private void next(Consumer<HistoryReplay> progress) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(POLL_TIMEOUT).forEach(records::add);
        if (!records.isEmpty()) {
            ParkingProjection.Result result = ParkingProjection.project(records, parked, skipped,
                    (events, asPublished) -> projection.replay(target, events, known), clock.instant());
            if (!result.parked().isEmpty()) {
                target.parked().park(result.parked(), false);
                known.forget();
            }
            parked = result.parkedMeetings();
            eventsProjected += result.applied();
            eventsParked += result.parked().size();
        }
        progress.accept(this);
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
