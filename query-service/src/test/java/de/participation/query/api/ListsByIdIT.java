package de.participation.query.api;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.MeetingScheduled;
import de.participation.events.RegistrationStatus;
import de.participation.events.WaitingListPolicy;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestTokens;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static de.participation.events.RegistrationStatus.CANCELLED;
import static de.participation.events.RegistrationStatus.CONFIRMED;
import static de.participation.events.RegistrationStatus.WAITLISTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting's lists, and the list of meetings, are read by {@code _id} only, so their cost does not grow with the store: the
 * driver's commands during the reads are recorded, and each must address documents by {@code _id}
 * (a value or an {@code $in} list), never by another field, a sort, a count or an aggregation.
 * The pages themselves are compared with a simple model of the rules over random histories large
 * enough to span many chunks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListsByIdIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();
    /** The commands that read documents; the driver's own (hello, getMore of a cursor) are not. */
    private static final Set<String> READ_COMMANDS = Set.of("find", "aggregate", "count", "distinct", "mapReduce");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    /** Every command the service sends to MongoDB, while recording. */
    @TestConfiguration
    static class RecordedCommands {
        static final Queue<BsonDocument> SENT = new ConcurrentLinkedQueue<>();
        static volatile boolean recording;

        @Bean
        CommandListener recordingListener() {
            return new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (recording) {
                        SENT.add(event.getCommand().clone());
                    }
                }
            };
        }
    }

    @LocalServerPort
    int port;

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());

    private Response get(String path) {
        return new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION)).get(path);
    }

    /** A meeting's registrations in arrival order with their statuses, as the rules make them. */
    private record Model(Histories history, Map<UUID, RegistrationStatus> byArrival) {

        static Model random(Random random, int capacity, int steps) {
            Histories history = new Histories(UUID.randomUUID()).scheduled(capacity);
            Map<UUID, RegistrationStatus> byArrival = new LinkedHashMap<>();
            List<UUID> waiting = new ArrayList<>();
            List<UUID> confirmed = new ArrayList<>();
            for (int step = 0; step < steps; step++) {
                if (random.nextInt(4) > 0 || confirmed.isEmpty()) {
                    UUID arriving = UUID.randomUUID();
                    if (confirmed.size() < capacity) {
                        history.registered(arriving);
                        confirmed.add(arriving);
                        byArrival.put(arriving, CONFIRMED);
                    } else {
                        waiting.add(arriving);
                        history.waitlisted(arriving, waiting.size());
                        byArrival.put(arriving, WAITLISTED);
                    }
                } else if (random.nextBoolean() || waiting.isEmpty()) {
                    UUID leaving = confirmed.remove(random.nextInt(confirmed.size()));
                    history.cancelled(leaving, CONFIRMED);
                    byArrival.put(leaving, CANCELLED);
                    if (!waiting.isEmpty()) {
                        UUID head = waiting.removeFirst();
                        history.promoted(head, leaving);
                        confirmed.add(head);
                        byArrival.put(head, CONFIRMED);
                    }
                } else {
                    UUID leaving = waiting.remove(random.nextInt(waiting.size()));
                    history.cancelled(leaving, WAITLISTED);
                    byArrival.put(leaving, CANCELLED);
                }
            }
            return new Model(history, byArrival);
        }

        List<String> list(RegistrationStatus status) {
            return byArrival.entrySet().stream()
                    .filter(entry -> status == null || entry.getValue() == status)
                    .map(entry -> entry.getKey().toString()).toList();
        }

        /** The place on the waiting list, as the API shows it: null for whoever does not wait. */
        String position(String registrationId) {
            int position = list(WAITLISTED).indexOf(registrationId);
            return position < 0 ? "null" : Integer.toString(position + 1);
        }

        long lastSequence() {
            return history.events().getLast().sequence();
        }
    }

    @Test
    void pagesOfEveryStatusFollowTheArrivalOrderAndReadOnlyById() {
        Random random = new Random(13);
        List<Model> meetings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Model model = Model.random(random, 150 + random.nextInt(200), 900);
            publisher.publish(model.history().events());
            meetings.add(model);
        }
        for (Model model : meetings) {
            assertThat(get("/api/v1/meetings/" + model.history().meetingId() + "?minSequence=" + model.lastSequence())
                    .status()).isEqualTo(200);
        }

        RecordedCommands.SENT.clear();
        RecordedCommands.recording = true;
        for (Model model : meetings) {
            String registrations = "/api/v1/meetings/" + model.history().meetingId() + "/registrations";
            for (int page = 0; page < 12; page++) {
                RegistrationStatus status = random.nextInt(4) == 0 ? null : RegistrationStatus.values()[random.nextInt(3)];
                List<String> expected = model.list(status);
                int offset = random.nextInt(Math.max(1, expected.size() + 10));
                int limit = 1 + random.nextInt(250);
                Response response = get(registrations + "?offset=" + offset + "&limit=" + limit
                        + (status == null ? "" : "&status=" + status));

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body().findValuesAsText("registrationId")).as("%s from %d, %d", status, offset, limit)
                        .isEqualTo(expected.subList(Math.min(offset, expected.size()),
                                Math.min(expected.size(), offset + limit)));
                assertThat(response.raw().headers().firstValue("X-Total-Count")).hasValue(Integer.toString(expected.size()));
                assertThat(response.body().findValuesAsText("waitingListPosition"))
                        .isEqualTo(response.body().findValuesAsText("registrationId").stream().map(model::position).toList());
            }
            for (String registrationId : List.of(model.list(WAITLISTED).getLast(), model.list(CONFIRMED).getFirst())) {
                Response single = get("/api/v1/registrations/" + registrationId);
                assertThat(single.body().path("waitingListPosition").asText()).isEqualTo(model.position(registrationId));
            }
        }
        RecordedCommands.recording = false;

        assertOnlyById(RecordedCommands.SENT.stream().filter(command -> READ_COMMANDS.contains(command.getFirstKey()))
                .filter(ListsByIdIT::readsTheReadModels).toList());
    }

    @Test
    void pagesOfMeetingsFollowTheirStartsAndReadOnlyById() {
        Random random = new Random(17);
        Instant base = Instant.parse("2099-01-01T08:00:00Z");
        Map<UUID, Instant> ours = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            UUID meetingId = UUID.randomUUID();
            Instant startsAt = base.plus(Duration.ofDays(random.nextInt(30)));
            String organisation = i % 3 == 0 ? "Landkreis Görlitz" : Histories.ORGANISATION;
            Histories history = new Histories(meetingId).add(new MeetingScheduled(meetingId, "Werkstatt " + i, null,
                    "Bautzen", startsAt, null, 10, null, null, WaitingListPolicy.UNLIMITED, organisation));
            if (random.nextInt(4) == 0) {
                startsAt = base.plus(Duration.ofDays(random.nextInt(30)));
                history.add(new MeetingDetailsChanged(meetingId, "Werkstatt " + i, null, "Bautzen", startsAt, null,
                        null, null, List.of("startsAt")));
            }
            publisher.publish(history.events());
            if (organisation.equals(Histories.ORGANISATION)) {
                ours.put(meetingId, startsAt);
                assertThat(get("/api/v1/meetings/" + meetingId + "?minSequence=" + history.events().getLast().sequence())
                        .status()).isEqualTo(200);
            }
        }
        List<String> expected = ours.entrySet().stream()
                .sorted(Map.Entry.<UUID, Instant>comparingByValue().thenComparing(entry -> entry.getKey().toString()))
                .map(entry -> entry.getKey().toString()).toList();

        RecordedCommands.SENT.clear();
        RecordedCommands.recording = true;
        for (int page = 0; page < 10; page++) {
            int offset = random.nextInt(expected.size() + 5);
            int limit = 1 + random.nextInt(30);
            Response response = get("/api/v1/meetings?offset=" + offset + "&limit=" + limit);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().findValuesAsText("meetingId")).as("from %d, %d", offset, limit)
                    .isEqualTo(expected.subList(Math.min(offset, expected.size()), Math.min(expected.size(), offset + limit)));
            assertThat(response.raw().headers().firstValue("X-Total-Count")).hasValue(Integer.toString(expected.size()));
        }
        RecordedCommands.recording = false;

        assertOnlyById(RecordedCommands.SENT.stream().filter(command -> READ_COMMANDS.contains(command.getFirstKey()))
                .filter(ListsByIdIT::readsTheReadModels).toList());
    }

    private static void assertOnlyById(List<BsonDocument> reads) {
        assertThat(reads).isNotEmpty().allSatisfy(command -> {
            assertThat(command.getFirstKey()).as("%s", command).isEqualTo("find");
            assertThat(command.getDocument("filter").keySet()).as("%s", command).containsExactly("_id");
            BsonValue id = command.getDocument("filter").get("_id");
            assertThat(id.isString() || id.isDocument() && id.asDocument().keySet().equals(Set.of("$in")))
                    .as("%s", command).isTrue();
            assertThat(command.containsKey("sort")).as("%s", command).isFalse();
            assertThat(command.containsKey("skip")).as("%s", command).isFalse();
        });
    }

    /**
     * Meanwhile the webhooks' consumer and dispatcher look for due deliveries and held records in
     * their own collections, and for the meetings the projection parked: not list reads.
     */
    private static boolean readsTheReadModels(BsonDocument command) {
        String collection = command.getString(command.getFirstKey()).getValue();
        return !collection.startsWith("webhook_") && !collection.startsWith("parked_records");
    }
}
