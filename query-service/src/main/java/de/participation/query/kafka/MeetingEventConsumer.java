package de.participation.query.kafka;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.UnreadableEventException;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import de.participation.query.projection.MeetingProjector.Outcome;
import de.participation.query.projection.MeetingProjector.Rejected;
import de.participation.query.projection.ProjectionService;
import de.participation.query.projection.StoreIdentity;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the history with a plain consumer in the group {@code query-service} and projects it.
 * Each poll is one batch: records are parsed (unreadable ones dead-lettered), folded into the read
 * models, written (acknowledged once journaled), and only then are the offsets committed. Any failure drops the
 * consumer and starts a new one from the committed offsets after a pause ({@link ConsumerLoop});
 * the projection is idempotent, so reprocessing what was already written changes nothing.
 */
@Component
class MeetingEventConsumer extends ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(MeetingEventConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final QueryKafkaProperties properties;
    private final ProjectionService projection;
    private final DeadLetters deadLetters;
    private final StoreIdentity store;

    MeetingEventConsumer(QueryKafkaProperties properties, ProjectionService projection, DeadLetters deadLetters,
                         StoreIdentity store) {
        super("meeting-event-consumer");
        this.properties = properties;
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.store = store;
    }

    @Override
    protected void consume(KafkaConsumer<String, String> kafka) {
        ensureTopics();
        kafka.subscribe(List.of(Topics.MEETING_EVENTS), new StartOverInAnotherStore(kafka));
        while (running()) {
            ConsumerRecords<String, String> records = kafka.poll(POLL_TIMEOUT);
            if (!store.unchanged()) {
                throw new IllegalStateException("The read models' store was replaced; projecting the history into it");
            }
            if (!records.isEmpty()) {
                project(records);
                kafka.commitSync(nextOffsets(records));
            }
        }
    }

    /** The offsets after the batch, marked with the store its read models are in. */
    private Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            next.put(partition, new OffsetAndMetadata(records.records(partition).getLast().offset() + 1, store.id()));
        }
        return next;
    }

    /**
     * Offsets committed for read models in another store (see {@link StoreIdentity}) are not this
     * store's: its partitions are projected from the beginning.
     */
    private final class StartOverInAnotherStore implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> kafka;

        StartOverInAnotherStore(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(Set.copyOf(partitions));
            List<TopicPartition> fromTheStart = partitions.stream()
                    .filter(partition -> committed.get(partition) != null
                            && store.isOtherThan(committed.get(partition).metadata()))
                    .toList();
            if (!fromTheStart.isEmpty()) {
                log.warn("The offsets of {} were committed for read models in another store; projecting them from the start",
                        fromTheStart);
                kafka.seekToBeginning(fromTheStart);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed after each batch
        }
    }

    @Override
    protected void failed(RuntimeException failure) {
        log.warn("Projection interrupted, resuming from the committed offsets: {}", failure.toString());
    }

    private void ensureTopics() {
        Topics.ensureExists(properties.bootstrapServers(), Topics.MEETING_EVENTS, properties.partitions(),
                properties.replicationFactor());
        Topics.ensureExists(properties.bootstrapServers(), Topics.MEETING_EVENTS_DEAD_LETTERS, 1,
                properties.replicationFactor());
    }

    @Override
    protected Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, properties.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) properties.sessionTimeout().toMillis() / 3));
        if (!properties.instanceId().isBlank()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.instanceId());
        }
        return config;
    }

    private void project(ConsumerRecords<String, String> records) {
        List<MeetingEventEnvelope> events = new ArrayList<>(records.count());
        Map<MeetingEventEnvelope, ConsumerRecord<String, String>> origins = new IdentityHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                MeetingEventEnvelope envelope = MeetingEventJson.read(record.value() == null ? "" : record.value());
                events.add(envelope);
                origins.put(envelope, record);
            } catch (UnreadableEventException unreadable) {
                deadLetters.park(record, unreadable.getMessage());
            }
        }
        Outcome outcome = projection.apply(events);
        for (Rejected rejected : outcome.rejected()) {
            deadLetters.park(origins.get(rejected.envelope()), rejected.reason());
        }
    }
}
