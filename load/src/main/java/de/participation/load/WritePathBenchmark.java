package de.participation.load;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.localstack.JsonHttp;
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
import java.util.UUID;

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
    private static final String ORGANISATION = "BENCHMARK";

    private final Settings settings;
    private final ServiceProcess command;
    private final ServiceProcess query;
    private final JsonHttp organiser;
    private final JsonHttp reader;
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
        this.organiserToken = issuer.token("organiser", ORGANISATION);
        this.organiser = new JsonHttp(command.baseUrl()).withBearer(organiserToken);
        this.reader = new JsonHttp(query.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));
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

    /** A service's environment in a benchmark: the local infrastructure, the local issuer. */
    static Map<String, String> environment(LocalInfrastructure infrastructure, LocalIssuer issuer) {
        Map<String, String> environment = new HashMap<>(LocalStack.trusting(issuer));
        environment.putAll(infrastructure.serviceEnvironment());
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
        List<String> warmUp = schedule(10, 100_000);
        wrk.register(command.baseUrl(), warmUp, portalToken, settings.connections(), settings.duration(), "warm");
        verify("warm-up", warmUp, -1, 0);
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
        List<String> ids = schedule(meetings, capacity);
        kafkaLag.reset(1_000_000);
        Map<String, Double> before = cpu.seconds();
        Wrk.Result result = wrk.register(command.baseUrl(), ids, portalToken, connections, settings.duration(), run);
        Map<String, Double> used = ProcessCpu.between(before, cpu.seconds());
        long commands = result.created() + result.errors();
        record("%s: %.0f registrations/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors (%d busy); %s; %s"
                .formatted(name, result.requestsPerSecond(), result.p50(), result.p95(), result.p99(), result.max(),
                        result.errors(), result.busy(), cpuPerCommand(used, commands), kafka()));
        verify(name, ids, result.created(), connections);
        if (result.other() > 0) {
            throw new IllegalStateException(name + ": unexpected answers\n" + result.output());
        }
    }

    private void fixedRate(int capacity) throws Exception {
        String name = "one meeting, fixed rate " + settings.fixedRate() + "/s";
        List<String> ids = schedule(1, capacity);
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
        verify(name, ids, result.created(), 0);
    }

    /**
     * From the answer (sent once the command's batch committed) to the event's arrival in Kafka, as
     * seen by the client and the consumer of this process; 0 when the event was first.
     */
    private String answerToKafka(Map<String, Long> answeredAt) {
        Latencies lag = new Latencies(answeredAt.size());
        Map<String, Long> arrivals = kafkaLag.registrationArrivals();
        for (int waited = 0; !arrivals.keySet().containsAll(answeredAt.keySet()) && waited < 60; waited++) {
            sleep(Duration.ofSeconds(1));
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

    /**
     * The read model must equal the answers: as many registrations as were created, confirmed up
     * to the capacity, and (on one meeting) the waiting list numbered 1..n without a gap.
     */
    private void verify(String name, List<String> meetings, long created, int inFlightAtTheEnd) {
        awaitProjected(meetings, created);
        long registered = 0;
        for (String meeting : meetings) {
            JsonNode summary = settledSummary(meeting);
            int confirmed = summary.path("confirmed").asInt();
            int waitlisted = summary.path("waitlisted").asInt();
            if (confirmed > summary.path("capacity").asInt() || (waitlisted > 0 && summary.path("available").asInt() > 0)) {
                throw new IllegalStateException(name + ": read model breaks the rules: " + summary);
            }
            registered += confirmed + waitlisted;
            if (meetings.size() == 1) {
                verifyWaitingListPositions(name, meeting, waitlisted);
            }
        }
        // wrk stops at the end of its time with a request open on each connection, whose answer it
        // does not read: those registrations are stored but not counted as answered.
        if (created >= 0 && (registered < created || registered > created + inFlightAtTheEnd)) {
            throw new IllegalStateException(name + ": " + created + " registrations answered 201 (and at most "
                    + inFlightAtTheEnd + " open at the end), read model shows " + registered);
        }
        record("  checked: the read model shows %d registrations%s".formatted(registered,
                created >= 0 ? ", %d answered 201 and %d open when the client stopped"
                        .formatted(created, registered - created) : ""));
    }

    /** Waits until the read side shows at least {@code created} registrations (the answered ones). */
    private void awaitProjected(List<String> meetings, long created) {
        for (int attempt = 0; attempt < 240; attempt++) {
            long shown = meetings.stream().map(meeting -> reader.get("/api/v1/meetings/" + meeting).body())
                    .mapToLong(summary -> summary.path("confirmed").asLong() + summary.path("waitlisted").asLong())
                    .sum();
            if (shown >= created) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** The summary once the read side stopped changing (the last events are projected). */
    private JsonNode settledSummary(String meeting) {
        JsonNode previous = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode summary = reader.get("/api/v1/meetings/" + meeting).body();
            if (summary.equals(previous)) {
                return summary;
            }
            previous = summary;
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("The read model of " + meeting + " does not settle");
    }

    private void verifyWaitingListPositions(String name, String meeting, int waitlisted) {
        int expected = 1;
        for (int offset = 0; offset < waitlisted; offset += 200) {
            JsonHttp.Response page = reader.get("/api/v1/meetings/" + meeting + "/waiting-list?limit=200&offset=" + offset);
            if (page.status() != 200) {
                throw new IllegalStateException(name + ": cannot read the waiting list: " + page.body());
            }
            for (JsonNode entry : page.body()) {
                if (entry.path("waitingListPosition").asInt() != expected++) {
                    throw new IllegalStateException(name + ": waiting list has a gap before " + entry);
                }
            }
        }
        if (expected - 1 != waitlisted) {
            throw new IllegalStateException(name + ": waiting list holds " + (expected - 1) + ", summary says " + waitlisted);
        }
    }

    private List<String> schedule(int count, int capacity) {
        List<String> meetings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID meetingId = UUID.randomUUID();
            JsonHttp.Response scheduled = organiser.post("/api/v1/meetings", """
                    {"meetingId": "%s", "title": "Benchmark %d", "location": "Leipzig",
                     "startsAt": "2099-06-27T09:00:00+02:00", "capacity": %d}""".formatted(meetingId, i, capacity));
            if (scheduled.status() != 201) {
                throw new IllegalStateException("Cannot schedule: " + scheduled.body());
            }
            meetings.add(meetingId.toString());
        }
        return meetings;
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
