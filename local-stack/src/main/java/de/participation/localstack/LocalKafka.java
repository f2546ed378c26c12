package de.participation.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one process) whose log lives in a
 * directory of our choosing, so that a restart keeps every record. Used by {@code run-local.sh}
 * and by the integration tests, which therefore run against the same broker code as production.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker with its log in {@code logDirectory}, formatting it on first use. It speaks
     * PLAINTEXT and asks for no credentials, because it listens on loopback only, where nobody but
     * the developer's own processes reaches it; compose's broker is another (SASL_SSL with ACLs,
     * deploy/kafka/broker.properties).
     *
     * @param port the client port, 0 for any free one
     */
    public static LocalKafka start(Path logDirectory, int port) {
        int clientPort = port == 0 ? Ports.free() : port;
        int controllerPort = Ports.free();
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toAbsolutePath().toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "6");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "false");
        properties.put("num.partitions", "6");
        // One node holds every replica: nobody to hand leadership to, so stop at once.
        properties.put("controlled.shutdown.enable", "false");
        LocalKafka kafka = start(properties, clientPort);
        log.info("Kafka broker (KRaft) on 127.0.0.1:{} with its log in {}: PLAINTEXT without authentication or ACLs, "
                + "on loopback only (compose runs SASL_SSL with ACLs)", clientPort, logDirectory.toAbsolutePath());
        return kafka;
    }

    /**
     * Starts a broker of exactly {@code properties} (listeners, security and all), formatting its
     * log ({@code log.dirs}) on first use; clients reach it at 127.0.0.1:{@code clientPort}.
     */
    public static LocalKafka start(Properties properties, int clientPort) {
        formatOnce(Path.of(properties.getProperty("log.dirs")), properties);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
        server.startup();
        return new LocalKafka(server, clientPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * The id of the cluster whose log is in {@code logDirectory}, chosen at random when it was
     * formatted: a client that sees another id talks to another broker.
     */
    public static String clusterId(Path logDirectory) {
        Properties meta = new Properties();
        try (var in = Files.newInputStream(logDirectory.resolve("meta.properties"))) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("No formatted Kafka log in " + logDirectory, e);
        }
        return meta.getProperty("cluster.id");
    }

    /**
     * Fails unless the broker at {@code bootstrapServers} is of the cluster {@code clusterId}: a
     * broker of another data directory may answer on the same port.
     */
    public static void requireCluster(String bootstrapServers, String clusterId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            String answered = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            if (!clusterId.equals(answered)) {
                throw new IllegalStateException("The Kafka broker at " + bootstrapServers + " is of cluster "
                        + answered + ", not of ours (" + clusterId + "): another broker holds the port");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot ask the Kafka broker at " + bootstrapServers + " for its cluster id", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunningParts.Stopping();
        }
    }

    /**
     * KRaft needs a formatted log directory (meta.properties); formatting again would fail. Each
     * log gets a cluster id of its own, so that two stacks' brokers cannot be taken for each other.
     */
    private static void formatOnce(Path logDirectory, Properties properties) {
        try {
            if (Files.exists(logDirectory.resolve("meta.properties"))) {
                return;
            }
            Files.createDirectories(logDirectory);
            Path config = Files.createTempFile("local-kafka", ".properties");
            try (var out = Files.newOutputStream(config)) {
                properties.store(out, "local Kafka");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(config);
            if (exit != 0) {
                throw new IllegalStateException("Formatting the Kafka log failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
