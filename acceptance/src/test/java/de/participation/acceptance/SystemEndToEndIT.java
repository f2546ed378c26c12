package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.kafka.Topics;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalWebhookReceiver;
import de.participation.localstack.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system end to end on the real broker and the real PostgreSQL: commands through the command
 * service, their events through Kafka, read models in MongoDB, answers from the query service.
 */
class SystemEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = new RunningSystem();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static JsonHttp organiser() {
        return system.organiserCommands();
    }

    private static JsonHttp portal() {
        return system.portalCommands();
    }

    private static JsonHttp queries() {
        return system.queries();
    }

    private static UUID schedule(int capacity) {
        UUID meetingId = UUID.randomUUID();
        Response response = organiser().post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "forum sachsen digital", "location": "Leipzig",
                 "startsAt": "2099-06-27T09:00:00+02:00", "capacity": %d}""".formatted(meetingId, capacity));
        assertThat(response.status()).isEqualTo(201);
        return meetingId;
    }

    private record Registered(UUID registrationId, Response answer) {
        long sequence() {
            return answer.body().path("sequence").asLong();
        }
    }

    private static Registered register(UUID meetingId, int n) {
        UUID registrationId = UUID.randomUUID();
        Response answer = portal().post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Teilnehmer %d", "email": "person%d@example.org"}}"""
                .formatted(registrationId, n, n));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return new Registered(registrationId, answer);
    }

    /** Registers {@code count} people from {@code threads} threads at once. */
    private static List<Registered> burst(UUID meetingId, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Registered>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> register(meetingId, n)));
            }
            List<Registered> registered = new ArrayList<>();
            for (Future<Registered> future : futures) {
                registered.add(future.get());
            }
            return registered;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The meeting once projected up to {@code sequence}; after a restart that may take longer than one 5 s wait. */
    private static Response meetingAt(UUID meetingId, long sequence) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                queries().get("/api/v1/meetings/" + meetingId + "?minSequence=" + sequence).status() == 200);
        return queries().get("/api/v1/meetings/" + meetingId);
    }

    /** The projection agrees with what the command service answered, registration by registration. */
    private static void assertReadModelsMatch(UUID meetingId, List<Registered> registered, int capacity) {
        long last = registered.stream().mapToLong(Registered::sequence).max().orElseThrow();
        Response summary = meetingAt(meetingId, last);
        int waiting = registered.size() - capacity;
        assertThat(summary.body().path("confirmed").asInt()).isEqualTo(capacity);
        assertThat(summary.body().path("available").asInt()).isZero();
        assertThat(summary.body().path("waitlisted").asInt()).isEqualTo(waiting);

        List<String> expectedOrder = registered.stream()
                .filter(r -> r.answer().body().path("status").asText().equals("WAITLISTED"))
                .sorted(Comparator.comparingInt(r -> r.answer().body().path("waitingListPosition").asInt()))
                .map(r -> r.registrationId().toString())
                .toList();
        Response waitingList = queries().get("/api/v1/meetings/" + meetingId + "/waiting-list");
        assertThat(waitingList.body().findValuesAsText("registrationId")).containsExactlyElementsOf(expectedOrder);
        assertThat(waitingList.body().findValues("waitingListPosition")).extracting(node -> node.asInt())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, waiting).boxed().toList());

        Response confirmed = queries().get("/api/v1/meetings/" + meetingId + "/registrations?status=CONFIRMED");
        assertThat(confirmed.body().findValuesAsText("registrationId")).hasSize(capacity).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(registered.stream()
                        .filter(r -> r.answer().body().path("status").asText().equals("CONFIRMED"))
                        .map(r -> r.registrationId().toString()).toList());
        Response all = queries().get("/api/v1/meetings/" + meetingId + "/registrations");
        assertThat(all.body()).hasSize(registered.size());
    }

    @Test
    void aCommandsEffectBecomesVisibleInTheReadApi() {
        UUID meetingId = schedule(1);
        Registered erika = register(meetingId, 1);
        Registered max = register(meetingId, 2);

        Response confirmed = queries().get("/api/v1/registrations/" + erika.registrationId() + "?minSequence=" + erika.sequence());
        Response waiting = queries().get("/api/v1/registrations/" + max.registrationId() + "?minSequence=" + max.sequence());

        assertThat(confirmed.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(waiting.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(waiting.body().path("waitingListPosition").asInt()).isEqualTo(1);
        assertThat(waiting.body().path("participant").path("name").asText()).isEqualTo("Teilnehmer 2");

        Response cancelled = portal().post("/api/v1/meetings/" + meetingId + "/registrations/"
                + erika.registrationId() + "/cancel", null);
        long sequence = cancelled.body().path("sequence").asLong();
        Response promoted = queries().get("/api/v1/registrations/" + max.registrationId() + "?minSequence=" + sequence);
        assertThat(promoted.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(meetingAt(meetingId, sequence).body().path("waitlisted").asInt()).isZero();
    }

    /**
     * GDPR erasure through the real stack: the organiser erases two participants; within a minute
     * every read shows them erased while counts and order stay; no topic record and no read model
     * holds any personal data in clear, ever; and read models built again from the whole topic
     * equal the live ones.
     */
    @Test
    void erasedParticipantsAreGoneEverywhereWhileCountsOrderAndReplayHold() {
        UUID meetingId = schedule(2);
        List<Registered> registered = IntStream.range(0, 5).mapToObj(n -> register(meetingId, n)).toList();
        Registered confirmed = registered.get(0);
        Registered firstWaiting = registered.get(2);
        Response before = queries().get("/api/v1/meetings/" + meetingId + "/registrations?minSequence=5");
        assertThat(before.body().findValuesAsText("email")).contains("person0@example.org", "person2@example.org");

        long sequence = 0;
        for (Registered erased : List.of(confirmed, firstWaiting)) {
            Response erasure = organiser().post("/api/v1/registrations/" + erased.registrationId() + "/erasure", null);
            assertThat(erasure.status()).as(erasure.body().toString()).isEqualTo(200);
            sequence = erasure.body().path("sequence").asLong();
        }

        Response summary = meetingAt(meetingId, sequence);
        assertThat(summary.body().path("confirmed").asInt()).isEqualTo(2);
        assertThat(summary.body().path("waitlisted").asInt()).isEqualTo(3);
        Response waitingList = queries().get("/api/v1/meetings/" + meetingId + "/waiting-list");
        assertThat(waitingList.body().findValuesAsText("registrationId")).containsExactly(
                firstWaiting.registrationId().toString(), registered.get(3).registrationId().toString(),
                registered.get(4).registrationId().toString());
        assertThat(waitingList.body().get(0).path("participant").isNull()).isTrue();
        assertThat(waitingList.body().get(0).path("personalDataErased").asBoolean()).isTrue();
        assertThat(waitingList.body().get(1).path("participant").path("email").asText()).isEqualTo("person3@example.org");
        Response one = system.portalQueries().get("/api/v1/registrations/" + confirmed.registrationId());
        assertThat(one.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(one.body().path("personalDataErased").asBoolean()).isTrue();
        assertThat(one.body().toString()).doesNotContain("person0");

        awaitConsumerCaughtUp();
        assertThat(allRecords(Topics.MEETING_EVENTS)).isNotEmpty()
                .noneMatch(record -> record.contains("@example.org") || record.contains("Teilnehmer"));
        assertThat(allRecords(Topics.MEETING_EVENTS_DEAD_LETTERS))
                .noneMatch(record -> record.contains("@example.org") || record.contains("Teilnehmer"));
        List<String> live = system.readModelDump();
        assertThat(live).isNotEmpty().noneMatch(document -> document.contains("@example.org")
                || document.contains("Teilnehmer"));

        try (RunningSystem.Replica replica = system.startReplica()) {
            List<String> liveOfMeeting = documentsOf(meetingId, live);
            assertThat(liveOfMeeting).as("the meeting, its five registrations and its history").hasSize(7);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    documentsOf(meetingId, replica.readModelDump()).equals(liveOfMeeting));
        }
    }

    /** The read-model documents of one meeting: the meeting and its registrations. */
    private static List<String> documentsOf(UUID meetingId, List<String> dump) {
        return readModelDocuments(dump).stream().filter(document -> document.contains(meetingId.toString())).toList();
    }

    /** Every record value of {@code topic}, from its first offset. */
    private static List<String> allRecords(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    /**
     * A long random scenario across many meetings (registrations, cancellations, capacity changes,
     * erasures, from several threads), then a rebuild of every read model from the topic while the
     * system runs: the rebuilt generation equals the live one, document by document.
     */
    @Test
    void aRebuildAfterALongRandomScenarioEqualsTheLiveReadModels() throws Exception {
        List<UUID> meetings = IntStream.range(0, 20).mapToObj(i -> schedule(5 + i * 3)).toList();
        List<UUID[]> registrations = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> commands = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long seed = i;
            commands.add(clients.submit(() -> randomCommand(new Random(seed), meetings, registrations)));
        }
        for (Future<?> command : commands) {
            command.get();
        }
        clients.shutdown();
        awaitConsumerCaughtUp();
        List<String> before = readModelDocuments(system.readModelDump());

        Response started = system.operatorQueries().post("/api/v1/admin/projections/rebuild", null);
        assertThat(started.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> system.operatorQueries().get("/api/v1/admin/projections")
                .body().path("rebuild").path("state").asText().equals("COMPLETED"));

        assertThat(readModelDocuments(system.readModelDump())).isEqualTo(before);
        Response verification = system.operatorQueries().post("/api/v1/admin/projections/verification", null);
        assertThat(verification.body().path("differenceCount").asLong()).as(verification.body().toString()).isZero();
        assertThat(verification.body().path("documentsCompared").asLong()).as("every meeting and registration")
                .isGreaterThanOrEqualTo(meetings.size() + registrations.size());
    }

    /** One command of the random scenario; refusals (full, already cancelled, …) are part of it. */
    private static void randomCommand(Random random, List<UUID> meetings, List<UUID[]> registrations) {
        UUID meetingId = meetings.get(random.nextInt(meetings.size()));
        int kind = random.nextInt(100);
        if (kind < 70 || registrations.isEmpty()) {
            UUID registrationId = UUID.randomUUID();
            Response answer = portal().post("/api/v1/meetings/" + meetingId + "/registrations", """
                    {"registrationId": "%s", "participant": {"name": "Zufall %s", "email": "%s@example.org"}}"""
                    .formatted(registrationId, registrationId, registrationId));
            if (answer.status() == 201) {
                registrations.add(new UUID[]{meetingId, registrationId});
            }
        } else if (kind < 88) {
            UUID[] registration = registrations.get(random.nextInt(registrations.size()));
            portal().post("/api/v1/meetings/" + registration[0] + "/registrations/" + registration[1] + "/cancel", null);
        } else if (kind < 95) {
            organiser().put("/api/v1/meetings/" + meetingId + "/capacity",
                    "{\"capacity\": " + (10 + random.nextInt(60)) + "}");
        } else {
            UUID[] registration = registrations.get(random.nextInt(registrations.size()));
            organiser().post("/api/v1/registrations/" + registration[1] + "/erasure", null);
        }
    }

    /** The read-model documents of a dump, whatever their generation (collection names lose "_g<n>"). */
    private static List<String> readModelDocuments(List<String> dump) {
        return dump.stream()
                .filter(line -> line.matches("(meetings|registrations|history)(_g\\d+)?: .*"))
                .map(line -> line.replaceFirst("^(\\w+?)(_g\\d+)?: ", "$1: "))
                .toList();
    }

    @Test
    void burstOf300OnCapacity100EndsWithExactly100ConfirmedAndPositions1To200() throws Exception {
        UUID meetingId = schedule(100);

        List<Registered> registered = burst(meetingId, 300, 32);

        assertReadModelsMatch(meetingId, registered, 100);
    }

    /** Through the whole system: commands, the event store, Kafka, the webhooks' consumer group, a real receiver. */
    @Test
    void thePortalIsToldOfEveryChangeToItsRegistrationsSignedAndInOrder() throws Exception {
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response subscribed = system.portalQueries().post("/api/v1/webhooks", """
                    {"url": "%s", "events": ["registration.confirmed", "registration.waitlisted",
                     "registration.promoted", "registration.cancelled"]}""".formatted(receiver.url("/portal")));
            assertThat(subscribed.status()).isEqualTo(201);
            UUID meetingId = schedule(10);
            List<Registered> registered = burst(meetingId, 30, 8);
            long lastSequence = 0;
            for (Registered cancelled : registered.stream()
                    .filter(one -> one.answer().body().path("status").asText().equals("CONFIRMED")).limit(3).toList()) {
                lastSequence = portal().post("/api/v1/meetings/" + meetingId + "/registrations/"
                        + cancelled.registrationId() + "/cancel", null).body().path("sequence").asLong();
            }
            assertThat(lastSequence).as("30 registrations, 3 cancellations, 3 promotions").isEqualTo(36);

            await().atMost(Duration.ofSeconds(60)).until(() -> sequencesReceived(receiver, meetingId).size() >= 36);
            assertThat(sequencesReceived(receiver, meetingId))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 36).boxed().toList());
            String secret = subscribed.body().path("secret").asText();
            assertThat(receiver.received()).allSatisfy(received -> assertThat(received.signedWith(secret)).isTrue());
            assertThat(system.portalQueries().delete("/api/v1/webhooks/" + subscribed.body().path("webhookId").asText())
                    .status()).isEqualTo(204);
        }
    }

    /**
     * After a rush, what an operator's Prometheus reads from both services says what happened:
     * every metric of docs/operations.md (and of the Grafana dashboard) is there, counts match the
     * answers, and no label carries an id.
     */
    @Test
    void bothServicesMetricsShowTheRushAsItHappened() throws Exception {
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response subscribed = subscribeToNewRegistrations(receiver, "/metrics");
            PrometheusScrape commandBefore = system.commandMetrics();
            PrometheusScrape queryBefore = system.queryMetrics();

            UUID meetingId = schedule(50);
            List<Registered> rush = burst(meetingId, 120, 16);
            List<Response> full = IntStream.range(0, 5).mapToObj(n -> portal().post(
                    "/api/v1/meetings/" + meetingId + "/registrations", """
                    {"registrationId": "%s", "participant": {"name": "Spät %d", "email": "late%d@example.org"},
                     "joinWaitingListIfFull": false}""".formatted(UUID.randomUUID(), n, n))).toList();
            assertThat(full).extracting(Response::status).containsOnly(409);
            long confirmed = rush.stream().filter(r -> r.answer().body().path("status").asText().equals("CONFIRMED")).count();

            meetingAt(meetingId, 120);
            await().atMost(Duration.ofSeconds(60)).until(() -> sequencesReceived(receiver, meetingId).size() >= 120);
            PrometheusScrape commands = system.commandMetrics();
            assertThat(increase(commandBefore, commands, "participation_commands_total",
                    "type", "schedule-meeting", "outcome", "accepted")).isEqualTo(1);
            assertThat(increase(commandBefore, commands, "participation_commands_total",
                    "type", "register", "outcome", "accepted")).isEqualTo(120);
            assertThat(increase(commandBefore, commands, "participation_commands_total",
                    "type", "register", "outcome", "MEETING_FULL")).isEqualTo(5);
            double batches = increase(commandBefore, commands, "participation_writer_batch_size_count");
            assertThat(increase(commandBefore, commands, "participation_writer_batch_size_sum"))
                    .as("every command the meeting's writer decided").isEqualTo(126);
            assertThat(batches).isBetween(1.0, 126.0);
            assertThat(increase(commandBefore, commands, "participation_writer_commit_seconds_count")).isEqualTo(batches);
            assertThat(increase(commandBefore, commands, "participation_writer_queue_depth_count")).isEqualTo(batches);
            assertThat(commands.gauge("participation_writer_queue_depth_largest")).isZero();
            assertThat(commands.gauge("participation_forwarder_lag")).isZero();
            assertThat(increase(commandBefore, commands, "participation_forwarder_delay_seconds_count"))
                    .as("the meeting's 121 events, each acknowledged by Kafka").isEqualTo(121);
            assertThat(increase(commandBefore, commands, "participation_keys_calls_seconds_count",
                    "operation", "wrap", "outcome", "ok")).isGreaterThanOrEqualTo(120);
            assertThat(commands.series("participation_deadlines_due")).hasSize(2);

            PrometheusScrape projected = system.queryMetrics();
            assertThat(increase(queryBefore, projected, "participation_projection_events_total",
                    "type", "ParticipantRegistered")).isGreaterThanOrEqualTo(confirmed);
            assertThat(increase(queryBefore, projected, "participation_projection_events_total"))
                    .isGreaterThanOrEqualTo(121);
            assertThat(increase(queryBefore, projected, "participation_webhooks_deliveries_total", "outcome", "delivered"))
                    .as("one delivery per registration").isEqualTo(120);
            assertThat(increase(queryBefore, projected, "participation_webhooks_attempt_seconds_count")).isEqualTo(120);
            assertThat(projected.gauge("participation_projection_catching_up")).isZero();
            assertThat(projected.gauge("participation_projection_parked", "kind", "events")).isZero();
            assertThat(projected.series("participation_projection_lag")).isNotEmpty()
                    .allSatisfy(partition -> assertThat(partition.value()).isZero());
            assertThat(projected.series("participation_webhooks_backlog")).hasSize(2);
            assertThat(projected.series("participation_streams_open")).hasSize(1);

            for (int i = 0; i < 3; i++) {
                assertThat(queries().get("/api/v1/meetings/" + meetingId).status()).isEqualTo(200);
            }
            assertThat(queries().get("/api/v1/meetings/" + UUID.randomUUID()).status()).isEqualTo(404);
            PrometheusScrape read = system.queryMetrics();
            assertThat(increase(projected, read, "participation_reads_seconds_count",
                    "endpoint", "/api/v1/meetings/{meetingId}", "status", "200")).isEqualTo(3);
            assertThat(increase(projected, read, "participation_reads_seconds_count",
                    "endpoint", "/api/v1/meetings/{meetingId}", "status", "404")).isEqualTo(1);

            List<String> scraped = new ArrayList<>(commands.names());
            scraped.addAll(read.names());
            assertThat(scraped).containsAll(dashboardMetrics());
            assertThat(commands.labelValues()).noneMatch(value -> value.matches(".*" + UUID_PATTERN + ".*"));
            assertThat(read.labelValues()).noneMatch(value -> value.matches(".*" + UUID_PATTERN + ".*"));
            assertThat(system.portalQueries().delete("/api/v1/webhooks/" + subscribed.body().path("webhookId").asText())
                    .status()).isEqualTo(204);
        }
    }

    /** The portal's subscription to confirmed and waitlisted registrations, delivered to {@code path} of {@code receiver}. */
    private static Response subscribeToNewRegistrations(LocalWebhookReceiver receiver, String path) {
        Response subscribed = system.portalQueries().post("/api/v1/webhooks", """
                {"url": "%s", "events": ["registration.confirmed", "registration.waitlisted"]}"""
                .formatted(receiver.url(path)));
        assertThat(subscribed.status()).isEqualTo(201);
        return subscribed;
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.total(name, labels) - before.total(name, labels);
    }

    /**
     * The domain's metrics the Grafana dashboard reads (deploy/grafana/metrics.txt); Spring Boot's
     * own there depend on the deployment's settings (the request histogram).
     */
    private static List<String> dashboardMetrics() throws Exception {
        return Files.readAllLines(Path.of("..", "deploy", "grafana", "metrics.txt")).stream()
                .map(String::strip).filter(line -> line.startsWith("participation_")).toList();
    }

    /**
     * A meeting that ends at once and keeps nothing afterwards (retention 0): once the period has
     * passed, the data protection officer's scans of both services (every PostgreSQL table, every topic, every
     * MongoDB collection with the webhook delivery logs) find neither the address nor any hash of it.
     */
    @Test
    void aMeetingPastItsRetentionLeavesNoTraceOfItsPeopleInAnyStoreTopicOrDeliveryLog() {
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response subscribed = subscribeToNewRegistrations(receiver, "/retention");
            UUID meetingId = UUID.randomUUID();
            Instant start = Instant.now().plusSeconds(8);
            assertThat(organiser().post("/api/v1/meetings", """
                    {"meetingId": "%s", "title": "Kurz-Workshop", "location": "Chemnitz", "startsAt": "%s",
                     "endsAt": "%s", "capacity": 1, "retentionDays": 0}"""
                    .formatted(meetingId, start, start.plusSeconds(1))).status()).isEqualTo(201);
            List<String> addresses = List.of("erika.retention@example.org", "max.retention@example.org");
            for (String address : addresses) {
                assertThat(portal().post("/api/v1/meetings/" + meetingId + "/registrations", """
                        {"registrationId": "%s", "participant": {"name": "Kurz %s", "email": "%s"}}"""
                        .formatted(UUID.randomUUID(), address, address)).status()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sequencesReceived(receiver, meetingId).size() == 2);
            JsonNode before = scan(system.dataProtectionCommands(), addresses.get(0));
            assertThat(before.path("findings")).extracting(JsonNode::toString).containsExactly(
                    "{\"store\":\"postgresql\",\"location\":\"table participant_key\",\"trace\":\"EMAIL_HASH\"}");

            await().atMost(Duration.ofSeconds(60)).until(() -> system.auditorQueries()
                    .get("/api/v1/audit/meetings/" + meetingId + "/erasures").body().path("erasedByRetention").asInt() == 2);

            String webhookId = subscribed.body().path("webhookId").asText();
            assertThat(system.portalQueries().get("/api/v1/webhooks/" + webhookId + "/deliveries").body()
                    .findValuesAsText("status")).as("the delivery log is scanned too").contains("DELIVERED");
            for (String address : addresses) {
                for (JsonHttp service : List.of(system.dataProtectionCommands(), system.dataProtectionQueries())) {
                    JsonNode after = scan(service, address);
                    assertThat(after.path("findings")).as(address).isEmpty();
                    assertThat(after.path("clean").asBoolean()).as(after.toString()).isTrue();
                    assertThat(after.path("meetingsHashed").asInt()).isPositive();
                }
            }
            assertThat(system.portalQueries().delete("/api/v1/webhooks/" + webhookId).status()).isEqualTo(204);
        }
    }

    private static JsonNode scan(JsonHttp service, String address) {
        Response scan = service.post("/api/v1/admin/personal-data-scans", "{\"email\": \"" + address + "\"}");
        assertThat(scan.status()).as(scan.body().toString()).isEqualTo(200);
        return scan.body();
    }

    private static List<Long> sequencesReceived(LocalWebhookReceiver receiver, UUID meetingId) {
        return receiver.received().stream().map(received -> {
            try {
                return JSON.readTree(received.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(event -> event.path("subject").asText().equals(meetingId.toString()))
                .map(event -> event.path("sequence").asLong()).toList();
    }

    @Test
    void redeliveringTheWholeTopicFromOffsetZeroChangesNoDocument() throws Exception {
        UUID meetingId = schedule(20);
        List<Registered> registered = burst(meetingId, 40, 8);
        portal().post("/api/v1/meetings/" + meetingId + "/registrations/" + registered.getFirst().registrationId()
                + "/cancel", null);
        awaitConsumerCaughtUp();
        List<String> before = projectionDocuments(system.readModelDump());

        system.query().close();
        rewindConsumerGroupToOffsetZero();
        system.startQueryService();
        awaitConsumerCaughtUp();

        assertThat(projectionDocuments(system.readModelDump())).isEqualTo(before);
    }

    /** The documents the projection writes: not those the webhooks' consumer group keeps, at its own pace. */
    private static List<String> projectionDocuments(List<String> dump) {
        return dump.stream().filter(document -> !document.startsWith("webhook_")).toList();
    }

    @Test
    void restartingTheQueryServiceMidStreamLosesAndDuplicatesNothing() throws Exception {
        UUID meetingId = schedule(50);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<List<Registered>> registrations = load.submit(() -> {
            List<Registered> all = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    all.add(register(meetingId, n));
                    accepted.incrementAndGet();
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            return all;
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= 60);
        system.query().kill();
        system.startQueryService();
        List<Registered> registered = registrations.get();
        load.shutdown();

        assertReadModelsMatch(meetingId, registered, 50);
    }

    private static void rewindConsumerGroupToOffsetZero() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> start = partitions(admin).stream()
                    .collect(Collectors.toMap(Function.identity(), p -> new OffsetAndMetadata(0)));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets("query-service", start).all().get());
        }
    }

    private static void awaitConsumerCaughtUp() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<TopicPartition> partitions = partitions(admin);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("query-service")
                        .partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get();
                for (TopicPartition partition : partitions) {
                    long end = ends.get(partition).offset();
                    long position = committed.containsKey(partition) ? committed.get(partition).offset() : 0;
                    assertThat(position).as("committed offset of %s", partition).isEqualTo(end);
                }
            });
        }
    }

    private static List<TopicPartition> partitions(Admin admin) throws Exception {
        return admin.describeTopics(List.of(Topics.MEETING_EVENTS)).allTopicNames().get().get(Topics.MEETING_EVENTS)
                .partitions().stream().map(p -> new TopicPartition(Topics.MEETING_EVENTS, p.partition())).toList();
    }
}
