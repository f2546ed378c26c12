package de.participation.load;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.RegistrationEvent;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long an event takes from the command service to Kafka: reads the events topic from its end
 * while a scenario runs and, for every record, measures the time from the event's own timestamp
 * (taken when the command applied it, before its batch commits) to its arrival here; and remembers
 * when each registration's event arrived, to compare with when its command was answered (right
 * after the commit).
 */
final class KafkaLag implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile boolean stopped;
    private volatile Latencies latencies = new Latencies(1);
    private final Map<String, Long> registrationArrivals = new ConcurrentHashMap<>();

    KafkaLag(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 2, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MEETING_EVENTS).stream()
                .map(partition -> new TopicPartition(Topics.MEETING_EVENTS, partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        reader = Thread.ofPlatform().name("kafka-lag").daemon().start(this::read);
    }

    /** Starts counting anew, for at most {@code events} events. */
    void reset(int events) {
        latencies = new Latencies(events);
    }

    Latencies latencies() {
        return latencies;
    }

    /** When the event of each registration arrived here (epoch milliseconds), by registration id. */
    Map<String, Long> registrationArrivals() {
        return registrationArrivals;
    }

    private void read() {
        while (!stopped) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                long arrived = System.currentTimeMillis();
                MeetingEventEnvelope envelope = MeetingEventJson.read(record.value());
                latencies.recordIfRoom(Duration.between(envelope.time(), Instant.ofEpochMilli(arrived)).toNanos());
                if (envelope.data() instanceof RegistrationEvent event) {
                    // A registration's first event is the one its command created.
                    registrationArrivals.putIfAbsent(event.registrationId().toString(), arrived);
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        reader.join();
    }
}
