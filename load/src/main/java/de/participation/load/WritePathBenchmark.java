package de.participation.load;

import de.participation.localstack.LocalInfrastructure;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.LocalKeyEncryptionKeys;
import de.participation.localstack.LocalStack;
import de.participation.localstack.Ports;
import de.participation.localstack.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write path's benchmark (docs/benchmarks.md): starts the whole system as run-local.sh does
 * (a real Kafka broker, PostgreSQL with fsync on, the MongoDB stand-in on file), measures the
 * machine's own limits (a PostgreSQL commit, an authenticated trivial endpoint), then drives the
 * command service over HTTP as the portal would, every request authenticated and sealed:
 * <ol>
 *     <li>a rush on one meeting, wrk with 64 connections;</li>
 *     <li>one meeting at a fixed offered rate, open loop (latency from each request's due time);</li>
 *     <li>40 meetings, wrk with 64 connections;</li>
 *     <li>one client on one meeting.</li>
 * </ol>
 * For each it prints throughput, latency percentiles, errors, the CPU each process used per
 * command, the time from an event's creation to its arrival in Kafka and the services' memory, and
 * checks that the read model equals what the commands answered. Run with scripts/benchmark.sh.
 */
public final class WritePathBenchmark {

    private static final Logger log = LoggerFactory.getLogger(WritePathBenchmark.class);
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Settings settings;
    private final ServiceProcess command;
    private final ServiceProcess query;
    private final BenchmarkMeetings meetings;
    private final String portalToken;
    private final String organiserToken;
    private final Wrk wrk;
    private final ProcessCpu cpu;
    private final KafkaLag kafkaLag;
    private final List<String> report = new ArrayList<>();

    record Settings(Duration duration, int connections, int fixedRate, int meetings) {

        static Settings fromSystemProperties() {
            return new Settings(Duration.ofSeconds(Long.getLong("benchmark.seconds", 15)),
                    Integer.getInteger("benchmark.connections", 64), Integer.getInteger("benchmark.rate", 500),
                    Integer.getInteger("benchmark.meetings", 40));
        }
    }

    private WritePathBenchmark(Settings settings, Path data, LocalIssuer issuer, LocalInfrastructure infrastructure,
                               ServiceProcess command, ServiceProcess query) throws Exception {
        this.settings = settings;
        this.command = command;
        this.query = query;
        this.organiserToken = issuer.token("organiser", BenchmarkMeetings.ORGANISATION);
        this.meetings = new BenchmarkMeetings(command, query, issuer);
        this.portalToken = issuer.token("portal", null);
        this.wrk = new Wrk(data);
        this.cpu = ProcessCpu.ofBenchmark(data);
        this.kafkaLag = new KafkaLag(infrastructure.kafkaBootstrapServers());
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path root = Path.of(System.getProperty("participation.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("benchmark-");
        LocalIssuer issuer = LocalIssuer.in(data.resolve("issuer"));
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(data, Map.of());
             ServiceProcess command = service("command-service", root, data, commandEnvironment(infrastructure, issuer, data));
             ServiceProcess query = service("query-service", root, data, queryEnvironment(infrastructure, issuer, command))) {
            log.info("Write path benchmark: {} s per scenario, {} connections, {} cores, data in {}",
                    settings.duration().toSeconds(), settings.connections(), Runtime.getRuntime().availableProcessors(),
                    data);
            WritePathBenchmark benchmark = new WritePathBenchmark(settings, data, issuer, infrastructure, command, query);
            benchmark.run(infrastructure);
        }
    }

    /**
     * A service as run-local.sh starts it. {@code -Dbenchmark.<name>.jvm-options=...} adds JVM
     * options to it, for instance a JFR recording.
     */
    static ServiceProcess service(String name, Path root, Path data, Map<String, String> environment) {
        return ServiceProcess.start(name, ServiceProcess.jar(root, name), Ports.free(),
                withJvmOptions(environment, System.getProperty("benchmark." + name + ".jvm-options", "")),
                data.resolve(name + ".log"), STARTUP);
    }

    /**
     * A service as {@link #service} starts it, on {@code port} and with {@code jvmOptions}, but
     * returned at once, before its port opens (see {@link ServiceProcess#awaitReady()}).
     */
    static ServiceProcess launch(String name, Path root, Path data, Map<String, String> environment, int port,
                                 String jvmOptions) {
        return ServiceProcess.launch(name, ServiceProcess.jar(root, name), port, withJvmOptions(environment, jvmOptions),
                data.resolve(name + ".log"), STARTUP);
    }

    private static Map<String, String> withJvmOptions(Map<String, String> environment, String options) {
        if (!options.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", options);
        }
        return environment;
    }

    /**
     * A service's environment in a benchmark: the local infrastructure, the local issuer, and the
     * share of requests traced if {@code -Dbenchmark.tracing-sampling} names one (else the services'
     * default: tracing off).
     */
    static Map<String, String> environment(LocalInfrastructure infrastructure, LocalIssuer issuer) {
        Map<String, String> environment = new HashMap<>(LocalStack.trusting(issuer));
        environment.putAll(infrastructure.serviceEnvironment());
        String sampling = System.getProperty("benchmark.tracing-sampling");
        if (sampling != null) {
            environment.put("TRACING_SAMPLING_PROBABILITY", sampling);
        }
        return environment;
    }

    /** The command service's: also its key-encryption keys, in a file under {@code data}. */
    static Map<String, String> commandEnvironment(LocalInfrastructure infrastructure, LocalIssuer issuer, Path data) {
        Map<String, String> environment = environment(infrastructure, issuer);
        environment.putAll(LocalKeyEncryptionKeys.environment(data));
        return environment;
    }

    /** The query service opens participants through the command service. */
    static Map<String, String> queryEnvironment(LocalInfrastructure infrastructure, LocalIssuer issuer,
                                                        ServiceProcess command) {
        Map<String, String> environment = environment(infrastructure, issuer);
        environment.put("COMMAND_SERVICE_URL", command.baseUrl());
        return environment;
    }

    private void run(LocalInfrastructure infrastructure) throws Exception {
        PhysicalLimits limits = new PhysicalLimits(infrastructure.jdbcUrl());
        record("PostgreSQL commit, one row, one session (pgbench): %.0f commits/s".formatted(limits.commitsPerSecond(1)));
        record("PostgreSQL commit, 100 rows, one session (pgbench): %.0f commits/s".formatted(limits.commitsPerSecond(100)));
        List<String> warmUp = meetings.schedule(10, 100_000);
        wrk.register(command.baseUrl(), warmUp, portalToken, settings.connections(), settings.duration(), "warm");
        record(meetings.verify("warm-up", warmUp, -1, 0));
        String trivial = command.baseUrl() + "/actuator/info";
        PhysicalLimits.getRate(trivial, organiserToken, settings.connections());
        record("trivial authenticated endpoint (/actuator/info, wrk, %d connections, after a warm-up): %.0f requests/s"
                .formatted(settings.connections(), PhysicalLimits.getRate(trivial, organiserToken,
                        settings.connections())));

        int rushCapacity = 1000;
        rush("one meeting, " + settings.connections() + " connections", 1, rushCapacity, settings.connections(), "rush");
        fixedRate(rushCapacity);
        rush(settings.meetings() + " meetings, " + settings.connections() + " connections", settings.meetings(),
                rushCapacity, settings.connections(), "spread");
        rush("one client, one meeting", 1, rushCapacity, 1, "single");
        record("resident memory after the runs: command service %d MiB, query service %d MiB"
                .formatted(command.residentKilobytes() / 1024, query.residentKilobytes() / 1024));
        kafkaLag.close();
        log.info("Results\n{}", String.join("\n", report));
    }

    private void record(String line) {
        report.add(line);
        log.info("{}", line);
    }

    private void rush(String name, int meetings, int capacity, int connections, String run) throws Exception {
        List<String> ids = this.meetings.schedule(meetings, capacity);
        kafkaLag.reset(1_000_000);
        Map<String, Double> before = cpu.seconds();
        Wrk.Result result = wrk.register(command.baseUrl(), ids, portalToken, connections, settings.duration(), run);
        Map<String, Double> used = ProcessCpu.between(before, cpu.seconds());
        long commands = result.created() + result.errors();
        record("%s: %.0f registrations/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors (%d busy); %s; %s"
                .formatted(name, result.requestsPerSecond(), result.p50(), result.p95(), result.p99(), result.max(),
                        result.errors(), result.busy(), cpuPerCommand(used, commands), kafka()));
        record(this.meetings.verify(name, ids, result.created(), connections));
        if (result.other() > 0) {
            throw new IllegalStateException(name + ": unexpected answers\n" + result.output());
        }
    }

    private void fixedRate(int capacity) throws Exception {
        String name = "one meeting, fixed rate " + settings.fixedRate() + "/s";
        List<String> ids = meetings.schedule(1, capacity);
        kafkaLag.reset(1_000_000);
        Map<String, Double> before = cpu.seconds();
        FixedRateClient.Result result = new FixedRateClient(command.baseUrl(), portalToken, settings.connections())
                .register(ids, settings.fixedRate(), settings.duration(), "fixed");
        Map<String, Double> used = ProcessCpu.between(before, cpu.seconds());
        Latencies latencies = result.latencies();
        record("%s: %.0f answered/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors (%d busy); %s; %s; %s"
                .formatted(name, result.answeredPerSecond(), latencies.millis(0.5), latencies.millis(0.95),
                        latencies.millis(0.99), latencies.millis(1.0), result.busy() + result.other(), result.busy(),
                        cpuPerCommand(used, result.created() + result.busy() + result.other()), kafka(),
                        answerToKafka(result.answeredAt())));
        record(meetings.verify(name, ids, result.created(), 0));
    }

    /**
     * From the answer (sent once the command's batch committed) to the event's arrival in Kafka, as
     * seen by the client and the consumer of this process; 0 when the event was first.
     */
    private String answerToKafka(Map<String, Long> answeredAt) {
        Latencies lag = new Latencies(answeredAt.size());
        Map<String, Long> arrivals = kafkaLag.registrationArrivals();
        for (int waited = 0; !arrivals.keySet().containsAll(answeredAt.keySet()) && waited < 60; waited++) {
            BenchmarkMeetings.sleep(Duration.ofSeconds(1));
        }
        answeredAt.forEach((registrationId, answered) -> {
            Long arrived = arrivals.get(registrationId);
            lag.record(arrived == null ? Long.MAX_VALUE : Math.max(0, arrived - answered) * 1_000_000);
        });
        return "answer to Kafka p50 %.1f ms, p99 %.1f ms".formatted(lag.millis(0.5), lag.millis(0.99));
    }

    private String kafka() {
        Latencies lag = kafkaLag.latencies();
        return "event to Kafka p50 %.1f ms, p99 %.1f ms".formatted(lag.millis(0.5), lag.millis(0.99));
    }

    private static String cpuPerCommand(Map<String, Double> used, long commands) {
        StringBuilder text = new StringBuilder("CPU ms per command:");
        used.forEach((part, seconds) -> text.append(" %s %.2f".formatted(part, seconds * 1000 / Math.max(1, commands))));
        return text.toString();
    }

    /** Names the part of the system a process belongs to, by its command line. */
    static String partOf(String commandLine, String dataDirectory) {
        if (commandLine.contains("command-service")) {
            return "command";
        }
        if (commandLine.contains("query-service")) {
            return "query";
        }
        if (commandLine.contains("LocalPartMain kafka")) {
            return "kafka";
        }
        if (commandLine.contains("LocalPartMain mongo")) {
            return "mongo";
        }
        if (commandLine.startsWith("postgres") || commandLine.contains(dataDirectory + "/postgres")) {
            return "postgres";
        }
        if (commandLine.startsWith("wrk ") || commandLine.contains(WritePathBenchmark.class.getName())) {
            return "client";
        }
        return null;
    }
}
