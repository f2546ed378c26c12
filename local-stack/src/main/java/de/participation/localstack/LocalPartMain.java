package de.participation.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one part of the local infrastructure in a JVM of its own, until SIGTERM: the Kafka broker
 * ({@code kafka <log directory> <port>}) or the MongoDB stand-in ({@code mongo <port>}). So
 * each can die and be started again on its own, as a real broker or database server would.
 */
public final class LocalPartMain {

    private static final Logger log = LoggerFactory.getLogger(LocalPartMain.class);

    private LocalPartMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AutoCloseable part;
        try {
            part = start(args);
        } catch (RuntimeException | Error failure) {
            // The broker's threads would keep a half-started JVM alive: end it, so the stack sees the failure.
            log.error("The {} could not start", args[0], failure);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", args[0], e.toString());
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private static AutoCloseable start(String[] args) {
        return switch (args[0]) {
            case "kafka" -> LocalKafka.start(Path.of(args[1]), Integer.parseInt(args[2]));
            case "mongo" -> LocalMongo.inMemory(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("Unknown part " + args[0] + " (kafka, mongo)");
        };
    }
}
