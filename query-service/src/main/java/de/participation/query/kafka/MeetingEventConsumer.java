package de.participation.query.kafka;

import de.participation.kafka.Topics;
import de.participation.query.projection.KnownDocuments;
import de.participation.query.projection.StoreIdentity;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the history with a plain consumer in the group {@code query-service} and projects it; an
 * instance runs several ({@link MeetingEventConsumers}), each with its share of the partitions.
 * Each poll is one batch: records are parsed, folded into the read models, written (acknowledged
 * once journaled), records that cannot be applied park their meetings ({@link ParkedMeetings}), and only
 * then are the offsets committed. Between batches the consumer carries out the operators' retries
 * and skips of its partitions' parked meetings. Any
 * failure drops the consumer and starts a new one from the committed offsets after a pause
 * ({@link ConsumerLoop}); the projection is idempotent, so reprocessing what was already written
 * changes nothing.
 *
 * <p>The consumer remembers the documents it wrote ({@link KnownDocuments}) as long as it owns the
 * same partitions: it forgets them when partitions are assigned or taken away and whenever it
 * starts again, so that it never folds events into documents another consumer may have changed.
 */
class MeetingEventConsumer extends ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(MeetingEventConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final QueryKafkaProperties properties;
    private final QueryKafkaClients clients;
    private final StoreIdentity store;
    private final String instanceId;
    private final KnownDocuments known;
    private final ParkedMeetings parking;
    private final ProjectionLag lag;

    /**
     * @param number the consumer's number in this instance: the first has the instance's own
     *               static membership id, the others that id with their number
     */
    MeetingEventConsumer(int number, QueryKafkaProperties properties, QueryKafkaClients clients, StoreIdentity store,
                         KnownDocuments known, ParkedMeetings parking, ProjectionLag lag) {
        super("meeting-event-consumer-" + number);
        this.properties = properties;
        this.clients = clients;
        this.store = store;
        this.instanceId = properties.instanceId().isBlank() || number == 0
                ? properties.instanceId() : properties.instanceId() + "-" + number;
        this.known = known;
        this.parking = parking;
        this.lag = lag;
    }

    @Override
    protected void consume(KafkaConsumer<String, String> kafka) {
        String storeId = store.id();
        known.forget();
        known.forStore(storeId);
        clients.prepareTopics();
        parking.readSkipped();
        kafka.subscribe(List.of(Topics.MEETING_EVENTS), new OwnPartitions(kafka));
        while (running()) {
            ConsumerRecords<String, String> records = kafka.poll(POLL_TIMEOUT);
            lag.polled(kafka, records);
            if (!store.stillIs(storeId)) {
                throw new IllegalStateException("The read models' store was replaced; projecting the history into it");
            }
            if (!records.isEmpty()) {
                List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                parking.project(batch);
                commitDone(kafka, StoreBoundOffsets.after(records, storeId));
            }
            parking.carryOutRequests();
        }
    }

    /**
     * Partitions change hands: what this consumer remembers may no longer be only its own to write,
     * so it is forgotten. Offsets committed for read models in another store (see
     * {@link StoreIdentity}) are not this store's: its partitions are projected from the beginning.
     */
    private final class OwnPartitions implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> kafka;

        OwnPartitions(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            known.forget();
            StoreBoundOffsets.restartIfCommittedForAnotherStore(kafka, partitions, store);
            parking.own(kafka.assignment());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            known.forget(); // offsets are committed after each batch
            lag.released(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            known.forget();
            lag.released(partitions);
        }
    }

    @Override
    protected void failed(RuntimeException failure) {
        log.warn("Projection interrupted, resuming from the committed offsets: {}", failure.toString());
    }

    @Override
    protected Map<String, Object> consumerConfig() {
        Map<String, Object> config = clients.groupConsumer(properties.groupId());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) properties.batchWait().toMillis());
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, (int) properties.batchBytes().toBytes());
        if (!instanceId.isBlank()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return config;
    }
}
