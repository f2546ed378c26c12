package de.participation.load;

import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.LocalInfrastructure;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the whole system as run-local.sh does (real Kafka, PostgreSQL with fsync on, the MongoDB
 * stand-in on file: {@link LocalInfrastructure}), then measures over HTTP, as the portal would load it:
 * <ol>
 *     <li>a rush on one meeting (every command serialised on one aggregate),</li>
 *     <li>the same load spread over many meetings,</li>
 *     <li>how long until the read side shows the last write of each meeting,</li>
 * </ol>
 * and prints throughput, latency percentiles and the services' resident memory. Arguments:
 * {@code [registrations] [threads] [meetings]}, default 2000 32 40. Run with scripts/benchmark.sh.
 */
public final class RegistrationBenchmark {

    private static final Logger log = LoggerFactory.getLogger(RegistrationBenchmark.class);
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final String ORGANISATION = "BENCHMARK";

    private RegistrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int registrations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int meetings = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Path root = Path.of(System.getProperty("participation.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("benchmark-");
        LocalIssuer issuer = LocalIssuer.in(data.resolve("issuer"));
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(data, Map.of());
             ServiceProcess command = ServiceProcess.start("command-service", ServiceProcess.jar(root, "command-service"),
                     Ports.free(), environment(infrastructure, issuer), data.resolve("command-service.log"), STARTUP);
             ServiceProcess query = ServiceProcess.start("query-service", ServiceProcess.jar(root, "query-service"),
                     Ports.free(), environment(infrastructure, issuer), data.resolve("query-service.log"), STARTUP)) {
            log.info("Benchmark: {} registrations per scenario, {} client threads, {} cores, data in {}",
                    registrations, threads, Runtime.getRuntime().availableProcessors(), data);
            JsonHttp organiser = new JsonHttp(command.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));
            JsonHttp portal = new JsonHttp(command.baseUrl()).withBearer(issuer.token("portal", null));
            JsonHttp queries = new JsonHttp(query.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));

            warmUp(organiser, portal, threads);
            List<UUID> one = schedule(organiser, 1, registrations / 2);
            run("one meeting (rush)", portal, queries, one, registrations, threads);
            List<UUID> many = schedule(organiser, meetings, registrations / meetings / 2);
            run(meetings + " meetings", portal, queries, many, registrations, threads);
            log.info("resident memory: command service {} MiB, query service {} MiB",
                    command.residentKilobytes() / 1024, query.residentKilobytes() / 1024);
        }
    }

    /** A service's environment in a benchmark: the local infrastructure, the local issuer. */
    static Map<String, String> environment(LocalInfrastructure infrastructure, LocalIssuer issuer) {
        Map<String, String> environment = new HashMap<>(LocalStack.trusting(issuer));
        environment.putAll(infrastructure.serviceEnvironment());
        return environment;
    }

    private static void warmUp(JsonHttp organiser, JsonHttp portal, int threads) throws Exception {
        List<UUID> meetings = schedule(organiser, 10, 50);
        load(portal, meetings, 500, threads, new Latencies(500), new long[meetings.size()]);
    }

    private static void run(String name, JsonHttp commands, JsonHttp queries, List<UUID> meetings, int registrations,
                            int threads) throws Exception {
        Latencies latencies = new Latencies(registrations);
        long[] lastSequence = new long[meetings.size()];
        long started = System.nanoTime();
        load(commands, meetings, registrations, threads, latencies, lastSequence);
        long loaded = System.nanoTime();
        for (int i = 0; i < meetings.size(); i++) {
            JsonHttp.Response visible = queries.get("/api/v1/meetings/" + meetings.get(i) + "?minSequence=" + lastSequence[i]);
            if (visible.status() != 200) {
                throw new IllegalStateException("Read side did not catch up: " + visible.body());
            }
        }
        long projected = System.nanoTime();
        double seconds = (loaded - started) / 1e9;
        log.info("{}", "%-20s %6.0f registrations/s  latency %s  read side caught up %.0f ms after the last answer"
                .formatted(name, registrations / seconds, latencies.summary(), (projected - loaded) / 1e6));
    }

    private static void load(JsonHttp commands, List<UUID> meetings, int registrations, int threads,
                             Latencies latencies, long[] lastSequence) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (long n = next.getAndIncrement(); n < registrations; n = next.getAndIncrement()) {
                        int meeting = (int) (n % meetings.size());
                        long start = System.nanoTime();
                        JsonHttp.Response answer = commands.post("/api/v1/meetings/" + meetings.get(meeting) + "/registrations", """
                                {"registrationId": "%s", "participant": {"name": "Teilnehmer %d", "email": "p%d-%s@example.org"}}"""
                                .formatted(UUID.randomUUID(), n, n, UUID.randomUUID()));
                        latencies.record(System.nanoTime() - start);
                        if (answer.status() != 201) {
                            throw new IllegalStateException("Registration refused: " + answer.body());
                        }
                        long sequence = answer.body().path("sequence").asLong();
                        synchronized (lastSequence) {
                            lastSequence[meeting] = Math.max(lastSequence[meeting], sequence);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<UUID> schedule(JsonHttp commands, int count, int capacity) {
        List<UUID> meetings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID meetingId = UUID.randomUUID();
            JsonHttp.Response scheduled = commands.post("/api/v1/meetings", """
                    {"meetingId": "%s", "title": "Benchmark %d", "location": "Leipzig",
                     "startsAt": "2099-06-27T09:00:00+02:00", "capacity": %d}""".formatted(meetingId, i, Math.max(1, capacity)));
            if (scheduled.status() != 201) {
                throw new IllegalStateException("Cannot schedule: " + scheduled.body());
            }
            meetings.add(meetingId);
        }
        return meetings;
    }
}
