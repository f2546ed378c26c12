package de.participation.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.mongodb.client.MongoDatabase;
import de.participation.events.MeetingEventEnvelope;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record the projection cannot apply parks its meeting: the meeting's later events wait behind
 * it, in order, its read models keep their last consistent state and say so, the other meetings
 * go on; an operator retries the meeting once the cause is fixed, or skips a record that can never
 * be applied, and the meeting then equals a rebuild of its history. Its webhook deliveries wait with
 * it and follow in order. The fault that can be fixed is
 * injected where the projection writes to MongoDB: every write that carries one chosen event fails
 * until the test "fixes" it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ParkedMeetingIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();
    private static final int RUSH = 40;
    private static final int BEFORE_THE_FAULT = 15;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
        registry.add("participation.kafka.partitions", () -> "6");
        registry.add("participation.webhooks.allowed-targets", () -> "127.0.0.0/8");
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;

    /** The ids of events whose writes fail, until they are taken out again. */
    private static final Set<String> FAILING_EVENTS = ConcurrentHashMap.newKeySet();
    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());

    /** The read models, with every write that carries one of {@link #FAILING_EVENTS} failing. */
    @TestConfiguration
    static class WritesThatCarryAFailingEventFail {

        @Bean
        @Primary
        LiveReadModels failingWhereInjected(MongoDatabase database) {
            return new LiveReadModels(database) {
                @Override
                public ReadModelStore generation(long generation) {
                    return FAULTY_STORES.computeIfAbsent(generation, number -> new ReadModelStore(database, number) {
                        @Override
                        public void save(Collection<RegistrationReadModel> registrations,
                                         Collection<ArrivalDocument> arrivalOrder, Collection<MeetingReadModel> meetings,
                                         List<MeetingEventEnvelope> history,
                                         Function<MeetingEventEnvelope, String> asPublished) {
                            if (history.stream().anyMatch(event -> FAILING_EVENTS.contains(event.id()))) {
                                throw new IllegalStateException("injected: the write of this event fails");
                            }
                            super.save(registrations, arrivalOrder, meetings, history, asPublished);
                        }
                    });
                }
            };
        }
    }

    /** Per generation, as {@link LiveReadModels} keeps them (static: the constructor already asks for one). */
    private static final Map<Long, ReadModelStore> FAULTY_STORES = new ConcurrentHashMap<>();

    @Test
    void aMeetingParkedInTheMiddleOfARushKeepsItsLastConsistentStateAndAfterTheRetryEqualsARebuild() {
        List<Histories> rush = IntStream.range(0, 4).mapToObj(i -> new Histories(UUID.randomUUID()).scheduled(1_000))
                .toList();
        Histories parked = rush.getFirst();
        IntStream.range(0, RUSH).forEach(i -> rush.forEach(history -> history.registered(UUID.randomUUID())));
        MeetingEventEnvelope fault = parked.events().get(1 + BEFORE_THE_FAULT);
        FAILING_EVENTS.add(fault.id());
        String webhookId = organiser().post("/api/v1/webhooks",
                "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"registration.confirmed\"]}").body()
                .path("webhookId").asText();

        publishConcurrently(rush);

        for (Histories other : rush.subList(1, rush.size())) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(meeting(other).path("confirmed").asInt())
                    .isEqualTo(RUSH));
            assertThat(meeting(other).path("projection").path("state").asText()).isEqualTo("LIVE");
        }
        await().atMost(PATIENCE).until(() -> meeting(parked).path("projection").path("state").asText().equals("PARKED"));
        JsonNode standingStill = meeting(parked);
        assertThat(standingStill.path("confirmed").asInt()).isEqualTo(BEFORE_THE_FAULT);
        assertThat(standingStill.path("sequence").asLong()).isEqualTo(fault.sequence() - 1);
        assertThat(standingStill.path("projection").path("event").path("sequence").asLong()).isEqualTo(fault.sequence());
        assertThat(standingStill.path("projection").path("event").path("type").asText()).isEqualTo(fault.type());
        assertThat(standingStill.path("projection").path("event").path("reason").asText()).contains("injected");
        assertThat(organiser().get("/api/v1/meetings/" + parked.meetingId() + "/registrations").body())
                .hasSize(BEFORE_THE_FAULT);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(parkedMeetingsInTheStatus())
                .singleElement().satisfies(meeting -> {
                    assertThat(meeting.path("meetingId").asText()).isEqualTo(parked.meetingId().toString());
                    assertThat(meeting.path("recordsParked").asInt()).isEqualTo(RUSH - BEFORE_THE_FAULT);
                }));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveredSequences(webhookId, rush.getLast()))
                .hasSize(RUSH));
        assertThat(deliveredSequences(webhookId, parked)).as("the parked meeting's deliveries wait too")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, BEFORE_THE_FAULT).boxed().toList());

        FAILING_EVENTS.clear();
        Response retried = operator().post("/api/v1/admin/parked-meetings/" + parked.meetingId() + "/retry", null);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("by").asText()).isEqualTo("operator-local");
        assertThat(retried.body().path("outcome").path("projection").asText()).isEqualTo("LIVE");
        assertThat(retried.body().path("outcome").path("applied").asInt()).isEqualTo(RUSH - BEFORE_THE_FAULT);
        JsonNode live = meetingPast(parked, RUSH);
        assertThat(live.path("confirmed").asInt()).isEqualTo(RUSH);
        assertThat(live.path("projection").path("state").asText()).isEqualTo("LIVE");
        assertThat(parkedMeetingsInTheStatus()).isEmpty();
        JsonNode verification = operator().post("/api/v1/admin/projections/verification", null).body();
        assertThat(verification.path("differenceCount").asLong()).as(verification.toString()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveredSequences(webhookId, parked))
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, RUSH).boxed().toList()));
    }

    /** The sequences of the meeting's events for which the subscription has deliveries (sent or not). */
    private List<Long> deliveredSequences(String webhookId, Histories meeting) {
        List<Long> sequences = new ArrayList<>();
        organiser().get("/api/v1/webhooks/" + webhookId + "/deliveries?limit=1000").body().forEach(delivery -> {
            if (delivery.path("meetingId").asText().equals(meeting.meetingId().toString())) {
                sequences.add(delivery.path("sequence").asLong());
            }
        });
        return sequences;
    }

    @Test
    void aRecordThatCanNeverBeAppliedIsSkippedOnlyByAnOperatorWhoIsRecorded() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(10).registered(UUID.randomUUID());
        publisher.publish(history.events());
        publisher.publishRaw(history.meetingId().toString(), "{ not an event");
        Histories behind = new Histories(history.meetingId());
        history.events().forEach(event -> behind.add(event.data()));
        behind.registered(UUID.randomUUID()).registered(UUID.randomUUID());
        publisher.publish(behind.events().subList(2, 4));
        publisher.publishRaw("no meeting", "{ nor this }");

        await().atMost(PATIENCE).until(() -> meeting(history).path("projection").path("state").asText().equals("PARKED"));
        JsonNode cause = meeting(history).path("projection").path("event");
        assertThat(cause.path("reason").asText()).contains("not JSON");
        assertThat(meeting(history).path("confirmed").asInt()).isEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(overview().path("alone").findValuesAsText("key"))
                .contains("no meeting"));
        assertThat(overview().path("meetings").findValuesAsText("meetingId")).contains(history.meetingId().toString());

        Response retried = operator().post("/api/v1/admin/parked-meetings/" + history.meetingId() + "/retry", null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("outcome").path("projection").asText()).isEqualTo("PARKED");
        assertThat(meeting(history).path("confirmed").asInt()).isEqualTo(1);

        String skip = "/api/v1/admin/parked-meetings/" + history.meetingId() + "/skip";
        assertThat(operator().post(skip, "{}").body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(operator().post(skip, position(cause.path("partition").asInt(), cause.path("offset").asLong() + 1))
                .status()).isEqualTo(200); // the record behind it: skipped, the cause stays
        assertThat(meeting(history).path("projection").path("state").asText()).isEqualTo("PARKED");
        assertThat(operator().post(skip, position(cause.path("partition").asInt(), 999_999)).status()).isEqualTo(404);
        Response skipped = operator().post(skip, position(cause.path("partition").asInt(), cause.path("offset").asLong()));

        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.body().path("outcome").path("projection").asText()).isEqualTo("LIVE");
        JsonNode live = meetingPast(history, 3);
        assertThat(live.path("projection").path("state").asText()).isEqualTo("LIVE");
        assertThat(live.path("confirmed").asInt()).as("the second skip took the first registration behind it")
                .isEqualTo(2);
        assertThat(overview().path("skipped")).hasSize(2).allSatisfy(decision -> {
            assertThat(decision.path("meetingId").asText()).isEqualTo(history.meetingId().toString());
            assertThat(decision.path("skippedBy").asText()).isEqualTo("operator-local");
        });
        assertThat(operator().post("/api/v1/admin/parked-meetings/" + history.meetingId() + "/retry", null).status())
                .isEqualTo(404);
        assertThat(new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION))
                .post("/api/v1/admin/parked-meetings/" + history.meetingId() + "/retry", null).status()).isEqualTo(403);

        database.drop(); // the stand-in restarted empty: the history is projected again, the skips hold
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(meeting(history).path("confirmed").asInt()).isEqualTo(2));
        assertThat(meeting(history).path("projection").path("state").asText()).isEqualTo("LIVE");
    }

    private void publishConcurrently(List<Histories> histories) {
        CompletableFuture.allOf(histories.stream().map(history -> CompletableFuture.runAsync(() -> {
            try (EventPublisher own = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers())) {
                history.events().forEach(event -> own.publish(List.of(event)));
            }
        })).toArray(CompletableFuture[]::new)).join();
    }

    private static String position(int partition, long offset) {
        return "{\"partition\":" + partition + ",\"offset\":" + offset + "}";
    }

    /** The meeting read past its event {@code sequence}: not from the service's cache of a moment ago. */
    private JsonNode meetingPast(Histories history, long sequence) {
        return organiser().get("/api/v1/meetings/" + history.meetingId() + "?minSequence=" + sequence).body();
    }

    private JsonNode meeting(Histories history) {
        Response response = organiser().get("/api/v1/meetings/" + history.meetingId());
        return response.status() == 200 ? response.body() : MissingNode.getInstance();
    }

    private List<JsonNode> parkedMeetingsInTheStatus() {
        List<JsonNode> meetings = new ArrayList<>();
        operator().get("/api/v1/admin/projections").body().path("parkedMeetings").forEach(meetings::add);
        return meetings;
    }

    private JsonNode overview() {
        return operator().get("/api/v1/admin/parked-meetings").body();
    }

    private JsonHttp organiser() {
        return new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION));
    }

    private JsonHttp operator() {
        return new JsonHttp(port).withBearer(TestTokens.withRole(Roles.OPERATOR));
    }
}
