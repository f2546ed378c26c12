package de.participation.query.kafka;

import de.participation.query.background.BackgroundLoop;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.Map;

/**
 * A Kafka consumer on a thread of its own, from the application's start to its stop. Any failure
 * drops the consumer and, after a pause, starts a new one; stopping wakes the consumer up.
 */
public abstract class ConsumerLoop extends BackgroundLoop {

    private volatile KafkaConsumer<String, String> consumer;

    protected ConsumerLoop(String name) {
        super(name);
    }

    /** The consumer's configuration (string keys and values). */
    protected abstract Map<String, Object> consumerConfig();

    /** Uses the new consumer until {@link #running()} turns false or something fails. */
    protected abstract void consume(KafkaConsumer<String, String> kafka);

    /**
     * Commits the offsets of work done, also when a stop woke the consumer up meanwhile (it comes
     * whenever it comes, also while a batch is written): the wake-up makes the first attempt throw
     * instead of committing, and the batch would be done again after the restart. The first attempt
     * spends the wake-up, so the second commits; then the stop goes on.
     */
    protected static void commitDone(KafkaConsumer<String, String> kafka, Map<TopicPartition, OffsetAndMetadata> done) {
        try {
            kafka.commitSync(done);
        } catch (WakeupException stopping) {
            kafka.commitSync(done);
            throw stopping;
        }
    }

    @Override
    protected final void work() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig(),
                new StringDeserializer(), new StringDeserializer())) {
            consumer = kafka;
            consume(kafka);
        } catch (WakeupException stopping) {
            // stop() woke the consumer: running() is false now
        } finally {
            consumer = null;
        }
    }

    @Override
    protected final void wakeUp() {
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
