package de.participation.query.kafka;

import com.mongodb.client.MongoDatabase;
import de.participation.kafka.KafkaClientSettings;
import de.participation.kafka.Topics;
import de.participation.localstack.LocalKafka;
import de.participation.query.kafka.ReadModelsCatchUp.Progress;
import de.participation.query.projection.StoreIdentity;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.TestMongo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * When read models may be served: a store first seen must reach the end of the history as it was
 * at that moment, counted in offsets committed for that very store; then it is live for good,
 * also for instances that cannot reach Kafka; a replaced store starts over. A consumer stopped
 * while it projected still commits what it projected, so that it counts.
 */
class ReadModelsCatchUpIT {

    private static final int EVENTS = 60;
    private static final String GROUP = "catch-up-it";
    private static final LocalKafka KAFKA = startKafka();
    private static final TestMongo MONGO = TestMongo.start();

    @AfterAll
    static void stop() {
        KAFKA.close();
        MONGO.close();
    }

    private final MongoDatabase database = MONGO.freshDatabase();

    @Test
    void aNewStoreCatchesUpWithTheHistoryAsItWasWhenFirstSeenAndAReplacedOneStartsOver() {
        Topics.ensureExists(KAFKA.bootstrapServers(), Topics.MEETING_EVENTS, 6, (short) 1);
        publish(EVENTS);
        ProjectionOffsets offsets = new ProjectionOffsets(clients(KAFKA.bootstrapServers()));
        ReadModelsCatchUp catchUp = new ReadModelsCatchUp(offsets, new StoreIdentity(database), database);
        String storeId = new StoreIdentity(database).id();

        assertThat(catchUp.progress()).isEqualTo(new Progress(false, 0L, (long) EVENTS));

        Map<TopicPartition, Long> endsWhenFirstSeen = ends();
        publish(10); // after the store was first seen
        commit(endsWhenFirstSeen, "another-store");
        assertThat(progressNow(KAFKA.bootstrapServers())).as("offsets committed for another store do not count")
                .isEqualTo(new Progress(false, 0L, (long) EVENTS));

        commit(endsWhenFirstSeen, storeId);
        assertThat(progressNow(KAFKA.bootstrapServers())).as("behind the newest events, but not wrong")
                .isEqualTo(new Progress(true, null, 0L));
        assertThat(progressNow("127.0.0.1:1")).as("a caught-up store needs no Kafka to be served")
                .isEqualTo(new Progress(true, null, 0L));

        database.drop(); // the store is replaced: the projection replays the whole history into it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(catchUp.progress())
                .as("the long-lived instance notices the new store").isEqualTo(new Progress(false, 0L, EVENTS + 10L)));
        offsets.destroy();
    }

    @Test
    void withKafkaAwayBeforeTheTargetIsKnownTheStoreIsCatchingUpWithUnknownProgress() {
        assertThat(progressNow("127.0.0.1:1")).isEqualTo(new Progress(false, null, null));
    }

    /** The stop wakes the consumer up while it writes a batch: the batch's offsets are committed all the same. */
    @Test
    void aConsumerWokenByAStopWhileItProjectsStillCommitsTheBatch() {
        Topics.ensureExists(KAFKA.bootstrapServers(), Topics.MEETING_EVENTS, 6, (short) 1);
        Map<TopicPartition, OffsetAndMetadata> projected = Map.of(
                new TopicPartition(Topics.MEETING_EVENTS, 0), new OffsetAndMetadata(0, "store-of-the-stopped-consumer"));
        try (KafkaConsumer<String, String> consumer = consumer("stopped-while-projecting")) {
            consumer.assign(projected.keySet());
            consumer.wakeup();
            assertThatThrownBy(() -> ConsumerLoop.commitDone(consumer, projected)).isInstanceOf(WakeupException.class);
            assertThat(consumer.committed(projected.keySet())).isEqualTo(projected);
        }
    }

    /** The progress as an instance that starts now reads it (nothing remembered). */
    private Progress progressNow(String bootstrapServers) {
        ProjectionOffsets offsets = new ProjectionOffsets(clients(bootstrapServers));
        try {
            return new ReadModelsCatchUp(offsets, new StoreIdentity(database), database).progress();
        } finally {
            offsets.destroy();
        }
    }

    private static QueryKafkaClients clients(String bootstrapServers) {
        KafkaProperties standard = new KafkaProperties();
        standard.setBootstrapServers(List.of(bootstrapServers));
        return new QueryKafkaClients(new QueryKafkaProperties(GROUP, (short) 1, 500, "", Duration.ofSeconds(10),
                Duration.ofMillis(10), DataSize.ofKilobytes(64)), new KafkaClientSettings(standard, null));
    }

    private static void publish(int events) {
        try (EventPublisher publisher = new EventPublisher(KAFKA.bootstrapServers())) {
            IntStream.range(0, events).forEach(event -> publisher.publishRaw("meeting-" + event, "{}"));
        }
    }

    private static Map<TopicPartition, Long> ends() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return consumer.endOffsets(partitions());
        }
    }

    /** Commits {@code offsets} for the group, marked with {@code storeId} as the projection marks them. */
    private static void commit(Map<TopicPartition, Long> offsets, String storeId) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(offsets.keySet());
            consumer.commitSync(offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    offset -> new OffsetAndMetadata(offset.getValue(), storeId))));
        }
    }

    private static List<TopicPartition> partitions() {
        return IntStream.range(0, 6).mapToObj(partition -> new TopicPartition(Topics.MEETING_EVENTS, partition)).toList();
    }

    private static KafkaConsumer<String, String> consumer() {
        return consumer(GROUP);
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }

    private static LocalKafka startKafka() {
        try {
            return LocalKafka.start(Files.createTempDirectory("catch-up-it-"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
