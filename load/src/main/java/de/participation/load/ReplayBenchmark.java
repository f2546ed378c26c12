package de.participation.load;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalInfrastructure;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.ServiceProcess;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * The read side under a growing store (issue 13). Publishes meetings straight to the events topic
 * ({@link PublishedHistory}) until the store holds 10 000, 100 000 and finally {@code registrations}
 * registrations (default 1 000 000, over 2 000 meetings), and at each size measures the live
 * projection, the pages of registrations and waiting lists (after one round to warm up) and the
 * pages of the organisation's meetings; then the summaries, the lag of single
 * events at a fixed rate, and a rebuild, with the CPU per event of each process, the query service's
 * peak resident memory under its stated heap, and the trivial endpoint's rate as the machine's limit.
 */
public final class ReplayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ReplayBenchmark.class);
    private static final List<Integer> SIZES = List.of(10_000, 100_000, 1_000_000);
    private static final int READ_CONNECTIONS = 16;
    private static final int PAGE_CONNECTIONS = 2;
    private static final Duration READS = Duration.ofSeconds(8);
    private static final int FIXED_RATE = 1_000;
    private static final Duration FIXED_RATE_DURATION = Duration.ofSeconds(30);

    private final ServiceProcess query;
    private final ProcessCpu cpu;
    private final JsonHttp operator;
    private final String organiser;
    private final Wrk wrk;
    private final PublishedHistory history;
    private final ProjectionProgress progress;

    private ReplayBenchmark(ServiceProcess query, ProcessCpu cpu, LocalIssuer issuer, Wrk wrk,
                            PublishedHistory history, ProjectionProgress progress) {
        this.query = query;
        this.cpu = cpu;
        this.operator = new JsonHttp(query.baseUrl()).withBearer(issuer.token("operator", null));
        this.organiser = issuer.token("organiser", PublishedHistory.ORGANISATION);
        this.wrk = wrk;
        this.history = history;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        int registrations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Path.of(System.getProperty("participation.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("replay-benchmark-");
        LocalIssuer issuer = LocalIssuer.in(data.resolve("issuer"));
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(data, Map.of());
             ServiceProcess command = WritePathBenchmark.service("command-service", root, data,
                     WritePathBenchmark.commandEnvironment(infrastructure, issuer, data));
             ServiceProcess query = WritePathBenchmark.service("query-service", root, data,
                     WritePathBenchmark.queryEnvironment(infrastructure, issuer, command));
             PublishedHistory history = new PublishedHistory(infrastructure.kafkaBootstrapServers());
             ProjectionProgress progress = new ProjectionProgress(infrastructure.kafkaBootstrapServers(), "query-service")) {
            log.info("Read-side benchmark: up to {} registrations, {} cores, data in {}", registrations,
                    Runtime.getRuntime().availableProcessors(), data);
            ProcessCpu cpu = ProcessCpu.ofBenchmark(data);
            new ReplayBenchmark(query, cpu, issuer, new Wrk(data), history, progress).run(registrations);
        }
    }

    private void run(int registrations) throws Exception {
        String trivial = query.baseUrl() + "/actuator/info";
        log.info("the trivial authenticated endpoint of the query service (/actuator/info), wrk, {} connections: {} requests/s",
                READ_CONNECTIONS, Math.round(PhysicalLimits.getRate(trivial, organiser, READ_CONNECTIONS)));
        boolean warm = false;
        for (int size : IntStream.concat(SIZES.stream().mapToInt(Integer::intValue).filter(size -> size < registrations),
                IntStream.of(registrations)).toArray()) {
            growTo(size);
            if (!warm) {
                wrk.pages(query.baseUrl(), history.meetingIds(), organiser, PAGE_CONNECTIONS, READS);
                wrk.meetingPages(query.baseUrl(), history.meetingIds().size(), organiser, PAGE_CONNECTIONS, READS);
                warm = true;
            }
            Wrk.Reads pages = wrk.pages(query.baseUrl(), history.meetingIds(), organiser, PAGE_CONNECTIONS, READS);
            log.info("pages of 50 at {} registrations: registrations, confirmed ones, waiting list of meetings at random, "
                            + "wrk, {} connections: {} pages/s, p50 {} ms, p99 {} ms", history.registrations(),
                    PAGE_CONNECTIONS, Math.round(pages.requestsPerSecond()), pages.p50Millis(), pages.p99Millis());
            Wrk.Reads meetings = wrk.meetingPages(query.baseUrl(), history.meetingIds().size(), organiser,
                    PAGE_CONNECTIONS, READS);
            log.info("pages of 50 of the organisation's {} meetings (GET /api/v1/meetings, by the meeting order): "
                            + "{} pages/s, p50 {} ms, p99 {} ms", history.meetingIds().size(),
                    Math.round(meetings.requestsPerSecond()), meetings.p50Millis(), meetings.p99Millis());
        }
        wrk.summaries(query.baseUrl(), history.meetingIds(), organiser, READ_CONNECTIONS, READS);
        Wrk.Reads summaries = wrk.summaries(query.baseUrl(), history.meetingIds(), organiser, READ_CONNECTIONS, READS);
        log.info("meeting summaries by id, meetings at random, wrk, {} connections: {} reads/s, p50 {} ms, p99 {} ms",
                READ_CONNECTIONS, Math.round(summaries.requestsPerSecond()), summaries.p50Millis(), summaries.p99Millis());
        fixedRate();
        rebuild();
    }

    /** Publishes meetings until the store has {@code registrations}, and measures their live projection. */
    private void growTo(long registrations) throws Exception {
        int meetings = (int) ((registrations - history.registrations()) / PublishedHistory.REGISTRATIONS);
        Map<String, Double> before = cpu.seconds();
        Instant started = Instant.now();
        Map<TopicPartition, Long> ends = history.addMeetings(meetings);
        progress.awaitProjected(ends);
        Duration took = Duration.between(started, Instant.now());
        long events = (long) meetings * PublishedHistory.EVENTS_PER_MEETING;
        log.info("live projection of {} meetings, {} events, up to {} registrations: {} events/s (publishing included); "
                        + "CPU µs per event: {}", meetings, events, history.registrations(),
                events * 1000 / Math.max(1, took.toMillis()), perEvent(ProcessCpu.between(before, cpu.seconds()), events));
    }

    /** Single events at a fixed rate, each to a meeting at random: how long until each is projected. */
    private void fixedRate() throws Exception {
        int events = (int) (FIXED_RATE * FIXED_RATE_DURATION.toSeconds());
        CompletableFuture<Map<TopicPartition, Long>> ends = CompletableFuture.supplyAsync(() -> {
            SplittableRandom random = new SplittableRandom(13);
            long start = System.nanoTime();
            long interval = 1_000_000_000L / FIXED_RATE;
            for (int i = 0; i < events; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                history.waitlistSomeone(random, progress, due);
            }
            return history.ends();
        });
        Map<String, Double> before = cpu.seconds();
        Latencies lags = progress.lags(ends, events);
        log.info("lag at a fixed {} events/s for {} s, from each event's due time until its batch's offsets are "
                        + "committed (polled every 10 ms): p50 {} ms, p99 {} ms, max {} ms; CPU µs per event: {}",
                FIXED_RATE, FIXED_RATE_DURATION.toSeconds(), round(lags.millis(0.5)), round(lags.millis(0.99)),
                round(lags.millis(1.0)), perEvent(ProcessCpu.between(before, cpu.seconds()), events));
    }

    private void rebuild() throws InterruptedException {
        Map<String, Double> before = cpu.seconds();
        JsonNode rebuild = startRebuildAndWait();
        Map<String, Double> rebuildCpu = ProcessCpu.between(before, cpu.seconds());
        Duration took = Duration.between(Instant.parse(rebuild.path("startedAt").asText()),
                Instant.parse(rebuild.path("finishedAt").asText()));
        long replayed = rebuild.path("eventsProjected").asLong();
        log.info("rebuild {} events in {} ms: {} events/s; CPU µs per event: {}", replayed, took.toMillis(),
                replayed * 1000 / Math.max(1, took.toMillis()), perEvent(rebuildCpu, replayed));
        log.info("query service: stated heap {}, peak resident memory {} MiB, resident now {} MiB",
                query.heap(), query.peakResidentKilobytes() / 1024, query.residentKilobytes() / 1024);
    }

    private JsonNode startRebuildAndWait() throws InterruptedException {
        JsonHttp.Response started = operator.post("/api/v1/admin/projections/rebuild", null);
        if (started.status() != 202) {
            throw new IllegalStateException("Rebuild refused: " + started.body());
        }
        while (true) {
            JsonNode rebuild = operator.get("/api/v1/admin/projections").body().path("rebuild");
            switch (rebuild.path("state").asText()) {
                case "COMPLETED" -> {
                    return rebuild;
                }
                case "FAILED" -> throw new IllegalStateException("Rebuild failed: " + rebuild);
                default -> Thread.sleep(200);
            }
        }
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }

    /** CPU microseconds per event of each part of the system. */
    static String perEvent(Map<String, Double> cpuSeconds, long events) {
        StringBuilder text = new StringBuilder();
        cpuSeconds.forEach((part, seconds) -> text.append(part).append(' ')
                .append(Math.round(seconds * 1_000_000 / Math.max(1, events))).append(' '));
        return text.toString().trim();
    }
}
