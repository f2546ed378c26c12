package de.participation.query.kafka;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Map;

/**
 * A Kafka consumer on a thread of its own, from the application's start to its stop. Any failure
 * drops the consumer and, after a pause, starts a new one; stopping wakes the consumer up and waits
 * for the thread to end.
 */
public abstract class ConsumerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

    private final String name;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    protected ConsumerLoop(String name) {
        this.name = name;
    }

    /** The consumer's configuration (string keys and values). */
    protected abstract Map<String, Object> consumerConfig();

    /** Uses the new consumer until {@link #running()} turns false or something fails. */
    protected abstract void consume(KafkaConsumer<String, String> kafka);

    /** Called after a failure, before the pause and the new consumer. */
    protected void failed(RuntimeException failure) {
        log.warn("{} interrupted, starting again: {}", name, failure.toString());
    }

    protected boolean running() {
        return running;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).start(this::consumeUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void consumeUntilStopped() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig(),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = kafka;
                consume(kafka);
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException failure) {
                failed(failure);
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
