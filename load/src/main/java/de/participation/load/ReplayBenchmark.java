package de.participation.load;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.events.CancellationCause;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingScheduled;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitlistedParticipantPromoted.PromotionCause;
import de.participation.events.WaitlistedParticipantPromoted;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalInfrastructure;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How fast the read models are rebuilt from the history. Publishes a realistic history of
 * {@code events} events (meetings of 521 events each: 400 registrations, of which 100 wait, then 60
 * cancellations that each promote the head of the waiting list) straight to the events topic,
 * lets the query service (the local stack's MongoDB stand-in with its file store) project it live, then
 * rebuilds every read model through the operators' API and prints both rates and the memory.
 */
public final class ReplayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ReplayBenchmark.class);
    private static final int EVENTS_PER_MEETING = 521;
    private static final String ORGANISATION = "BENCHMARK";
    private static final int SUMMARY_CONNECTIONS = 16;
    private static final Duration SUMMARY_READS = Duration.ofSeconds(5);

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int meetings = Math.max(1, events / EVENTS_PER_MEETING);
        Path root = Path.of(System.getProperty("participation.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("replay-benchmark-");
        LocalIssuer issuer = LocalIssuer.in(data.resolve("issuer"));
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(data, Map.of());
             ServiceProcess query = WritePathBenchmark.service("query-service", root, data,
                     WritePathBenchmark.environment(infrastructure, issuer))) {
            ProcessCpu cpu = new ProcessCpu(commandLine -> WritePathBenchmark.partOf(commandLine, data.toString()));
            JsonHttp operator = new JsonHttp(query.baseUrl()).withBearer(issuer.token("operator", null));
            log.info("Replay benchmark: {} meetings, {} events, {} cores, data in {}", meetings,
                    meetings * EVENTS_PER_MEETING, Runtime.getRuntime().availableProcessors(), data);

            Map<String, Double> beforeLive = cpu.seconds();
            Instant published = Instant.now();
            long total = publish(infrastructure.kafkaBootstrapServers(), meetings);
            awaitLiveCaughtUp(operator);
            Duration live = Duration.between(published, Instant.now());
            log.info("live projection   {} events in {} ms: {} events/s (publishing included); CPU µs per event: {}",
                    total, live.toMillis(), total * 1000 / Math.max(1, live.toMillis()),
                    perEvent(ProcessCpu.between(beforeLive, cpu.seconds()), total));

            String organiser = issuer.token("organiser", ORGANISATION);
            List<String> meetingIds = new ArrayList<>();
            new JsonHttp(query.baseUrl()).withBearer(organiser).get("/api/v1/meetings?limit=1000").body()
                    .forEach(meeting -> meetingIds.add(meeting.path("meetingId").asText()));
            String trivial = query.baseUrl() + "/actuator/info";
            Wrk wrk = new Wrk(data);
            PhysicalLimits.getRate(trivial, organiser, SUMMARY_CONNECTIONS);
            wrk.summaries(query.baseUrl(), meetingIds, organiser, SUMMARY_CONNECTIONS, SUMMARY_READS);
            Wrk.Reads summaries = wrk.summaries(query.baseUrl(), meetingIds, organiser, SUMMARY_CONNECTIONS,
                    SUMMARY_READS);
            log.info("meeting summaries by id, each of {} meetings at random, wrk, {} connections: {} reads/s, p99 {} ms; "
                            + "the trivial authenticated endpoint of the query service (/actuator/info) in the same way: "
                            + "{} requests/s", meetingIds.size(), SUMMARY_CONNECTIONS,
                    Math.round(summaries.requestsPerSecond()), summaries.p99Millis(),
                    Math.round(PhysicalLimits.getRate(trivial, organiser, SUMMARY_CONNECTIONS)));

            Map<String, Double> beforeRebuild = cpu.seconds();
            JsonNode rebuild = rebuild(operator);
            Map<String, Double> rebuildCpu = ProcessCpu.between(beforeRebuild, cpu.seconds());
            Duration took = Duration.between(Instant.parse(rebuild.path("startedAt").asText()),
                    Instant.parse(rebuild.path("finishedAt").asText()));
            long replayed = rebuild.path("eventsProjected").asLong();
            log.info("rebuild           {} events in {} ms: {} events/s; CPU µs per event: {}; "
                            + "resident memory of the query service {} MiB",
                    replayed, took.toMillis(), replayed * 1000 / Math.max(1, took.toMillis()),
                    perEvent(rebuildCpu, replayed), query.residentKilobytes() / 1024);
        }
    }

    /** CPU microseconds per event of each part of the system. */
    private static String perEvent(Map<String, Double> cpuSeconds, long events) {
        StringBuilder text = new StringBuilder();
        cpuSeconds.forEach((part, seconds) -> text.append(part).append(' ')
                .append(Math.round(seconds * 1_000_000 / Math.max(1, events))).append(' '));
        return text.toString().trim();
    }

    /** One meeting's history as the command service would have published it. */
    private static List<MeetingEvent> history(UUID meetingId) {
        List<MeetingEvent> events = new ArrayList<>(EVENTS_PER_MEETING);
        events.add(new MeetingScheduled(meetingId, "Replay-Workshop", null, "Dresden", Instant.parse("2099-01-01T09:00:00Z"),
                null, 300, null, null, WaitingListPolicy.UNLIMITED, ORGANISATION));
        List<UUID> confirmed = new ArrayList<>();
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            UUID registrationId = UUID.randomUUID();
            SealedParticipant participant = new SealedParticipant("hash-" + registrationId,
                    "c2VhbGVkLWZvci10aGUtYmVuY2htYXJrLW9ubHktbm90LWEtcmVhbC1jaXBoZXJ0ZXh0LQ==" + i);
            if (i < 300) {
                events.add(new ParticipantRegistered(meetingId, registrationId, participant));
                confirmed.add(registrationId);
            } else {
                events.add(new ParticipantWaitlisted(meetingId, registrationId, participant, waiting.size() + 1));
                waiting.add(registrationId);
            }
        }
        for (int i = 0; i < 60; i++) {
            UUID leaving = confirmed.remove(i);
            UUID promoted = waiting.removeFirst();
            events.add(new RegistrationCancelled(meetingId, leaving, RegistrationStatus.CONFIRMED,
                    CancellationCause.REQUESTED, null));
            events.add(new WaitlistedParticipantPromoted(meetingId, promoted, PromotionCause.CANCELLATION, leaving));
            confirmed.add(promoted);
        }
        return events;
    }

    private static long publish(String bootstrapServers, int meetings) throws Exception {
        Topics.ensureExists(bootstrapServers, Topics.MEETING_EVENTS, 6, (short) 1);
        long published = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            Instant time = Instant.parse("2026-01-01T00:00:00Z");
            for (int m = 0; m < meetings; m++) {
                UUID meetingId = UUID.randomUUID();
                List<MeetingEvent> history = history(meetingId);
                for (int sequence = 0; sequence < history.size(); sequence++) {
                    time = time.plusMillis(1);
                    MeetingEventEnvelope envelope = MeetingEventEnvelope.of(UUID.randomUUID().toString(), time, sequence,
                            "benchmark", "portal", history.get(sequence));
                    producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS, meetingId.toString(),
                            MeetingEventJson.write(envelope)));
                    published++;
                }
            }
            producer.flush();
        }
        return published;
    }

    private static void awaitLiveCaughtUp(JsonHttp operator) throws InterruptedException {
        while (true) {
            JsonNode status = operator.get("/api/v1/admin/projections").body();
            if (status.path("lag").asLong(-1) == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode rebuild(JsonHttp operator) throws InterruptedException {
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
                default -> Thread.sleep(100);
            }
        }
    }
}
