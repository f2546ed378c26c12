package de.participation.load;

import de.participation.localstack.LocalInfrastructure;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a rush on one meeting costs when its commands are split over two command-service instances
 * rather than routed to one (docs/deployment.md): starts the local system with two command
 * services on one PostgreSQL, then rushes one new meeting at a time, always with the same number of
 * connections, in two ways:
 * <ol>
 *     <li>routed: every connection to instance A, as the edge's consistent hash of the meeting id does;</li>
 *     <li>split: half of the connections to A, half to B, as a round-robin balancer would spread them,
 *     so the two instances' batches of the one meeting interleave and retry on each other's appends.</li>
 * </ol>
 * The two alternate (routed, split, split, routed, ... over {@code -Dbenchmark.rounds}, default 2),
 * and the trivial authenticated endpoint is measured right before each rush, so that a machine
 * whose load changes during the run favours neither. It prints throughput and latency percentiles
 * of each rush, its share of the trivial endpoint, the ratios split to routed, and checks that the
 * read model equals the answers every time.
 * Run with scripts/split-benchmark.sh.
 */
public final class SplitRushBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SplitRushBenchmark.class);
    private static final int CAPACITY = 1000;

    private final WritePathBenchmark.Settings settings;
    private final ServiceProcess instanceA;
    private final ServiceProcess instanceB;
    private final BenchmarkMeetings meetings;
    private final String portalToken;
    private final String organiserToken;
    private final Wrk wrk;
    private final List<String> report = new ArrayList<>();

    private SplitRushBenchmark(WritePathBenchmark.Settings settings, Path data, LocalIssuer issuer,
                               ServiceProcess instanceA, ServiceProcess instanceB, ServiceProcess query)
            throws Exception {
        this.settings = settings;
        this.instanceA = instanceA;
        this.instanceB = instanceB;
        this.meetings = new BenchmarkMeetings(instanceA, query, issuer);
        this.portalToken = issuer.token("portal", null);
        this.organiserToken = issuer.token("organiser", BenchmarkMeetings.ORGANISATION);
        this.wrk = new Wrk(data);
    }

    public static void main(String[] args) throws Exception {
        WritePathBenchmark.Settings settings = WritePathBenchmark.Settings.fromSystemProperties();
        Path root = Path.of(System.getProperty("participation.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("split-benchmark-");
        LocalIssuer issuer = LocalIssuer.in(data.resolve("issuer"));
        // Instance B's log, beside A's of the same name.
        Files.createDirectories(data.resolve("b"));
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(data, Map.of());
             ServiceProcess instanceA = WritePathBenchmark.service("command-service", root, data,
                     WritePathBenchmark.commandEnvironment(infrastructure, issuer, data));
             ServiceProcess instanceB = WritePathBenchmark.service("command-service", root, data.resolve("b"),
                     WritePathBenchmark.commandEnvironment(infrastructure, issuer, data));
             ServiceProcess query = WritePathBenchmark.service("query-service", root, data,
                     WritePathBenchmark.queryEnvironment(infrastructure, issuer, instanceA))) {
            log.info("Split rush benchmark: {} s per run, {} connections, {} cores, data in {}",
                    settings.duration().toSeconds(), settings.connections(), Runtime.getRuntime().availableProcessors(),
                    data);
            new SplitRushBenchmark(settings, data, issuer, instanceA, instanceB, query).run();
        }
    }

    private void run() throws Exception {
        warmUp(instanceA, "warm-a");
        warmUp(instanceB, "warm-b");
        int half = settings.connections() / 2;
        Outcomes routedOutcomes = new Outcomes();
        Outcomes splitOutcomes = new Outcomes();
        for (int round = 1; round <= Integer.getInteger("benchmark.rounds", 2); round++) {
            // Each rush's people are new (their emails name the run), as in a real rush.
            List<Share> routed = List.of(new Share(instanceA, settings.connections(), "routed" + round));
            List<Share> split = List.of(new Share(instanceA, half, "split-a" + round),
                    new Share(instanceB, half, "split-b" + round));
            boolean routedFirst = round % 2 == 1;
            rush((routedFirst ? "routed to one instance" : "split over two instances") + ", round " + round,
                    routedFirst ? routed : split, routedFirst ? routedOutcomes : splitOutcomes);
            rush((routedFirst ? "split over two instances" : "routed to one instance") + ", round " + round,
                    routedFirst ? split : routed, routedFirst ? splitOutcomes : routedOutcomes);
        }
        record("split / routed: %.2f of the routed throughput, %.2f of its share of the trivial endpoint"
                .formatted(splitOutcomes.rate() / routedOutcomes.rate(), splitOutcomes.share() / routedOutcomes.share()));
        log.info("Results\n{}", String.join("\n", report));
    }

    /** The registrations per second of one way's rushes, and their shares of the trivial endpoint. */
    private static final class Outcomes {

        private double rates;
        private double shares;
        private int rushes;

        void add(double rate, double limit) {
            rates += rate;
            shares += rate / limit;
            rushes++;
        }

        double rate() {
            return rates / rushes;
        }

        double share() {
            return shares / rushes;
        }
    }

    private void warmUp(ServiceProcess instance, String run) throws Exception {
        List<String> ids = meetings.schedule(10, 100_000);
        wrk.register(instance.baseUrl(), ids, portalToken, settings.connections(), settings.duration(), run);
    }

    /** Some of the rush's connections, all to one instance. */
    private record Share(ServiceProcess instance, int connections, String run) {
    }

    /** Measures the trivial endpoint, then rushes one new meeting with every share at once. */
    private void rush(String name, List<Share> shares, Outcomes outcomes) throws Exception {
        double limit = PhysicalLimits.getRate(instanceA.baseUrl() + "/actuator/info", organiserToken,
                settings.connections());
        List<String> ids = meetings.schedule(1, CAPACITY);
        List<CompletableFuture<Wrk.Result>> running = shares.stream().map(share -> CompletableFuture.supplyAsync(() ->
                register(share, ids))).toList();
        List<Wrk.Result> results = running.stream().map(CompletableFuture::join).toList();
        double rate = 0;
        long created = 0;
        for (int i = 0; i < results.size(); i++) {
            Wrk.Result result = results.get(i);
            rate += result.requestsPerSecond();
            created += result.created();
            record("  %s, %d connections to %s: %.0f registrations/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors (%d busy)"
                    .formatted(name, shares.get(i).connections(), shares.get(i).instance().baseUrl(),
                            result.requestsPerSecond(), result.p50(), result.p95(), result.p99(), result.max(),
                            result.errors(), result.busy()));
            if (result.other() > 0) {
                throw new IllegalStateException(name + ": unexpected answers\n" + result.output());
            }
        }
        record("%s: %.0f registrations/s in all, %.3f of the trivial endpoint (/actuator/info, wrk, %d connections: %.0f requests/s)"
                .formatted(name, rate, rate / limit, settings.connections(), limit));
        record(meetings.verify(name, ids, created, settings.connections()));
        outcomes.add(rate, limit);
    }

    private Wrk.Result register(Share share, List<String> ids) {
        try {
            return wrk.register(share.instance().baseUrl(), ids, portalToken, share.connections(), settings.duration(),
                    share.run());
        } catch (Exception e) {
            throw new IllegalStateException(share.run() + ": wrk failed", e);
        }
    }

    private void record(String line) {
        report.add(line);
        log.info("{}", line);
    }
}
