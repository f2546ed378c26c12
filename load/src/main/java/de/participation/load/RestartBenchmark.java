package de.participation.load;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalInfrastructure;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.Ports;
import de.participation.localstack.ServiceProcess;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The read side after a restart of the whole stack (issue 25): the MongoDB stand-in keeps its
 * documents in memory, so after a restart it is empty, and the query service replays the whole
 * topic into it while reads answer 503 {@code READ_MODELS_CATCHING_UP}. This fills the store to
 * {@code registrations} (default 1 000 000) by publishing straight to the topic
 * ({@link PublishedHistory}, as {@link ReplayBenchmark} does), waits until it is projected, then
 * {@code restarts} times (default 1) leaves the read side as a restart of the whole stack leaves
 * it: the query service stopped, the stand-in stopped and started again empty on its port, the
 * query service started again (Kafka and PostgreSQL keep running; their data is on disk). For each
 * restart it prints the time from the query service's start and from its port opening until a
 * meeting's summary answers 200 instead of 503, the events replayed and their rate, the CPU per
 * event of each process, and, as the machine's limit, the trivial endpoint's rate measured just
 * before. The restarted query service and stand-in run with a flight recording, dumped when reads
 * are served and summarised by the frames that held the CPU (the JDK's {@code jfr view hot-methods});
 * {@code -Dbenchmark.query-service.jvm-options=…} and {@code -Dbenchmark.mongo.jvm-options=…} add
 * options to the query service and to the restarted stand-in.
 * Run with scripts/restart-benchmark.sh.
 */
public final class RestartBenchmark {

    private static final Logger log = LoggerFactory.getLogger(RestartBenchmark.class);
    private static final int TRIVIAL_CONNECTIONS = 16;
    private static final String RECORDING = "restart";
    /** How often a meeting is read during the catch-up; the service itself looks again every 500 ms. */
    private static final long POLL_MILLIS = 200;

    private final Path root;
    private final Path data;
    private final int mongoPort;
    private final Map<String, String> queryEnvironment;
    private final LocalIssuer issuer;
    private final PublishedHistory history;
    private final ProcessCpu cpu;
    private ServiceProcess mongo;
    private ServiceProcess query;

    /** One restart's figures. */
    record Restart(double toPortSeconds, double toServedSeconds, long events, Map<String, Double> cpuSeconds,
                   double machineBusySeconds, double trivialRate) {

        /** The share of the machine's cores that processes outside the benchmark used meanwhile. */
        double othersShare() {
            double ours = cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
            return Math.max(0, machineBusySeconds - ours) / (toServedSeconds * Runtime.getRuntime().availableProcessors());
        }

        double fromPortSeconds() {
            return toServedSeconds - toPortSeconds;
        }

        long eventsPerSecond() {
            return Math.round(events / fromPortSeconds());
        }
    }

    private RestartBenchmark(Path root, Path data, int mongoPort, Map<String, String> queryEnvironment,
                             LocalIssuer issuer, PublishedHistory history, ServiceProcess mongo) {
        this.root = root;
        this.data = data;
        this.mongoPort = mongoPort;
        this.queryEnvironment = queryEnvironment;
        this.issuer = issuer;
        this.history = history;
        this.mongo = mongo;
        this.cpu = ProcessCpu.ofBenchmark(data);
    }

    public static void main(String[] args) throws Exception {
        int registrations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int restarts = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path root = Path.of(System.getProperty("participation.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("restart-benchmark-");
        LocalIssuer issuer = LocalIssuer.in(data.resolve("issuer"));
        int mongoPort = Ports.free();
        // The stand-in is started here rather than by the infrastructure, so that it can be started
        // again, empty, on its port, as a restart of the local stack starts it.
        ServiceProcess firstMongo = startMongo(mongoPort, List.of(), data);
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(data, Map.of(
                "MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort, "MONGODB_CHANGE_STREAMS", "false"));
             ServiceProcess command = WritePathBenchmark.service("command-service", root, data,
                     WritePathBenchmark.commandEnvironment(infrastructure, issuer, data));
             PublishedHistory history = new PublishedHistory(infrastructure.kafkaBootstrapServers());
             ProjectionProgress progress = new ProjectionProgress(infrastructure.kafkaBootstrapServers(), "query-service")) {
            log.info("Restart benchmark: {} registrations, {} restarts, {} cores, data in {}", registrations, restarts,
                    Runtime.getRuntime().availableProcessors(), data);
            RestartBenchmark benchmark = new RestartBenchmark(root, data, mongoPort,
                    WritePathBenchmark.queryEnvironment(infrastructure, issuer, command), issuer, history, firstMongo);
            try {
                benchmark.run(registrations, restarts, progress);
            } finally {
                benchmark.stopReadSide(); // before Kafka stops, so that the query service stops at once
            }
        } finally {
            firstMongo.close(); // stopped already unless the start failed
        }
    }

    private void run(int registrations, int restarts, ProjectionProgress progress) throws Exception {
        query = WritePathBenchmark.service("query-service", root, data, new HashMap<>(queryEnvironment));
        fill(registrations, progress);
        List<Restart> results = new ArrayList<>();
        for (int round = 1; round <= restarts; round++) {
            results.add(restart(round));
        }
        report(results);
    }

    /** Publishes the meetings and waits until the live projection has written them. */
    private void fill(int registrations, ProjectionProgress progress) throws Exception {
        int meetings = registrations / PublishedHistory.REGISTRATIONS;
        long started = System.nanoTime();
        Map<TopicPartition, Long> ends = history.addMeetings(meetings);
        progress.awaitProjected(ends);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("filled: {} meetings, {} registrations, {} events, projected live in {} s", meetings,
                history.registrations(), events(ends), Math.round(seconds));
    }

    /**
     * Stops the read side, starts the stand-in again empty and the query service, and measures
     * until a meeting's summary is served again.
     */
    private Restart restart(int round) throws Exception {
        String organiser = issuer.token("organiser", PublishedHistory.ORGANISATION);
        double trivial = PhysicalLimits.getRate(query.baseUrl() + "/actuator/info", organiser, TRIVIAL_CONNECTIONS);
        log.info("restart {}: the trivial authenticated endpoint of the running query service (/actuator/info), wrk, "
                + "{} connections: {} requests/s", round, TRIVIAL_CONNECTIONS, Math.round(trivial));
        stopReadSide();
        List<String> mongoOptions = new ArrayList<>(recording());
        String extra = System.getProperty("benchmark.mongo.jvm-options", "");
        if (!extra.isBlank()) {
            mongoOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        mongo = startMongo(mongoPort, mongoOptions, data);

        Map<String, Double> before = cpu.seconds();
        double machineBefore = ProcessCpu.machineBusySeconds();
        long started = System.nanoTime();
        int port = Ports.free();
        query = WritePathBenchmark.launch("query-service", root, data, new HashMap<>(queryEnvironment), port,
                String.join(" ", recording()) + " " + System.getProperty("benchmark.query-service.jvm-options", ""));
        awaitPort(query, port);
        double toPort = (System.nanoTime() - started) / 1e9;
        log.info("restart {}: query service's port open after {} s", round, oneDecimal(toPort));

        JsonHttp reader = new JsonHttp(query.baseUrl()).withBearer(organiser);
        JsonHttp operator = new JsonHttp(query.baseUrl()).withBearer(issuer.token("operator", null));
        String meeting = "/api/v1/meetings/" + history.meetingIds().getFirst();
        long nextProgress = System.nanoTime();
        int status;
        while ((status = reader.get(meeting).status()) != 200) {
            if (status != 503) {
                throw new IllegalStateException("A meeting's summary answered " + status + " during the catch-up");
            }
            if (System.nanoTime() >= nextProgress) {
                logProgress(round, operator, started);
                nextProgress += 5_000_000_000L;
            }
            Thread.sleep(POLL_MILLIS);
        }
        double toServed = (System.nanoTime() - started) / 1e9;
        Map<String, Double> used = ProcessCpu.between(before, cpu.seconds());
        double machineBusy = ProcessCpu.machineBusySeconds() - machineBefore;
        dumpRecording(query, "query-" + round);
        dumpRecording(mongo, "mongo-" + round);
        query.awaitReady();
        long events = events(history.ends());
        Restart result = new Restart(toPort, toServed, events, used, machineBusy, trivial);
        log.info("restart {}: reads served {} s after the start, {} s after the port opened; {} events replayed, "
                        + "{} events/s from the port opening; CPU µs per event (start included): {}; "
                        + "trivial endpoint before: {} requests/s; the machine busy {} core-s, {} % of its cores "
                        + "used by other processes meanwhile", round, oneDecimal(toServed),
                oneDecimal(result.fromPortSeconds()), events, result.eventsPerSecond(),
                ReplayBenchmark.perEvent(used, events), Math.round(trivial), Math.round(machineBusy),
                Math.round(result.othersShare() * 100));
        log.info("restart {}: health now {}", round, operator.get("/actuator/health").body().path("components")
                .path("readModels"));
        return result;
    }

    private void logProgress(int round, JsonHttp operator, long started) {
        JsonNode readModels = operator.get("/actuator/health").body().path("components").path("readModels");
        log.info("restart {}: after {} s: {} {}", round, oneDecimal((System.nanoTime() - started) / 1e9),
                readModels.path("status").asText(), readModels.path("details"));
    }

    private static void awaitPort(ServiceProcess process, int port) throws InterruptedException {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The " + process.name() + " exited during start-up");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
    }

    private void stopReadSide() {
        if (query != null) {
            query.close();
        }
        mongo.close();
    }

    private static ServiceProcess startMongo(int port, List<String> jvmOptions, Path data) {
        ServiceProcess mongo = LocalInfrastructure.launchMongo(port, jvmOptions, data.resolve("mongo.log"));
        try {
            mongo.awaitReady();
            return mongo;
        } catch (RuntimeException | Error failure) {
            mongo.close();
            throw failure;
        }
    }

    /**
     * A flight recording from the start, with the profile's sampling (every 10 ms per thread) and
     * stacks deep enough for the driver's and Spring's frames.
     */
    private static List<String> recording() {
        return List.of("-XX:StartFlightRecording=name=" + RECORDING + ",settings=profile",
                "-XX:FlightRecorderOptions=stackdepth=256");
    }

    /** Dumps the process's recording so far into the data directory and logs its hottest frames. */
    private void dumpRecording(ServiceProcess process, String name) {
        Path file = data.resolve(name + ".jfr");
        String jdk = System.getProperty("java.home");
        String dumped = run(List.of(Path.of(jdk, "bin", "jcmd").toString(), Long.toString(process.pid()), "JFR.dump",
                "name=" + RECORDING, "filename=" + file));
        if (!Files.exists(file)) {
            log.warn("No recording of {}: {}", name, dumped);
            return;
        }
        log.info("recording of {}: {}\n{}", name, file, run(List.of(Path.of(jdk, "bin", "jfr").toString(), "view",
                "--width", "160", "hot-methods", file.toString())));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void report(List<Restart> results) {
        StringBuilder text = new StringBuilder("Results over " + results.size() + " restarts (median, range):");
        summary(text, "reads served after the port opened, s", results, Restart::fromPortSeconds);
        summary(text, "reads served after the start, s", results, Restart::toServedSeconds);
        summary(text, "port open after the start, s", results, Restart::toPortSeconds);
        summary(text, "events/s from the port opening", results, restart -> restart.eventsPerSecond());
        results.getFirst().cpuSeconds().keySet().forEach(part -> summary(text, "CPU µs per event, " + part, results,
                restart -> restart.cpuSeconds().getOrDefault(part, 0.0) * 1e6 / restart.events()));
        summary(text, "trivial endpoint, requests/s", results, Restart::trivialRate);
        summary(text, "share of the cores used by other processes, %", results, restart -> restart.othersShare() * 100);
        log.info("{}", text);
    }

    private static void summary(StringBuilder text, String name, List<Restart> results,
                                ToDoubleFunction<Restart> figure) {
        List<Double> values = results.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        text.append("\n  ").append(name).append(": ").append(oneDecimal(values.get(values.size() / 2)))
                .append(" (").append(oneDecimal(values.getFirst())).append('–').append(oneDecimal(values.getLast()))
                .append(')');
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static long events(Map<TopicPartition, Long> ends) {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
