package de.participation.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.SeatsGivenBack;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.ReadModelStore;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static de.participation.events.RegistrationStatus.CONFIRMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilding every read model from the history while the live ones keep serving. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
        registry.add("participation.rebuild.stale-after", () -> "2s");
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    LiveReadModels readModels;
    @Autowired
    MongoDatabase database;

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());
    private final String operator = TestTokens.withRole(Roles.OPERATOR);

    private JsonHttp asOperator() {
        return new JsonHttp(port).withBearer(operator);
    }

    private Response status() {
        return asOperator().get("/api/v1/admin/projections");
    }

    /** Many meetings with many registrations, projected and caught up. */
    private List<Histories> projectedHistories(int meetings, int registrationsEach) {
        List<Histories> histories = IntStream.range(0, meetings).mapToObj(i -> {
            Histories history = new Histories(UUID.randomUUID()).scheduled(registrationsEach / 2);
            for (int r = 0; r < registrationsEach; r++) {
                if (r < registrationsEach / 2) {
                    history.registered(UUID.randomUUID());
                } else {
                    history.waitlisted(UUID.randomUUID(), r - registrationsEach / 2 + 1);
                }
            }
            return history;
        }).toList();
        List<MeetingEventEnvelope> all = new ArrayList<>();
        histories.forEach(history -> all.addAll(history.events()));
        publisher.publish(all);
        await().atMost(Duration.ofSeconds(60)).until(() -> status().body().path("lag").asLong(-1) == 0
                && readModels.current().all(ReadModelStore.MEETINGS).size() >= meetings);
        return histories;
    }

    private Map<String, Document> live(String collection) {
        return readModels.current().all(collection);
    }

    /** Every event of version 2 of the rules is rebuilt as the live projection built it. */
    @Test
    void aRebuildOfGroupsOffersAndDetailsChangesEqualsTheLiveModels() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        UUID stadtwerke = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        Instant deadline = Instant.parse("2099-05-30T08:00:00Z");
        Histories history = new Histories(meetingId).scheduled(4)
                .add(new ParticipantRegistered(meetingId, erika, Histories.sealed(erika), 4, List.of()))
                .add(new ParticipantWaitlisted(meetingId, stadtwerke, Histories.sealed(stadtwerke), 1, 3))
                .add(new ParticipantWaitlisted(meetingId, max, Histories.sealed(max), 2, 1))
                .add(new SeatsGivenBack(meetingId, erika, CONFIRMED, 4, 1))
                .add(new OfferMade(meetingId, stadtwerke, 3, deadline, PromotionCause.SEATS_GIVEN_BACK, erika, List.of()))
                .add(new OfferExpired(meetingId, stadtwerke, 3, deadline))
                .add(new OfferMade(meetingId, max, 1, deadline, PromotionCause.OFFER_EXPIRED, stadtwerke, List.of()))
                .add(new OfferAccepted(meetingId, max, 1))
                .add(new MeetingDetailsChanged(meetingId, "Regionen-Workshop", null, "Riesa", deadline.plusSeconds(86_400),
                        null, null, null, List.of("location", "startsAt")));
        publisher.publish(history.events());
        await().atMost(Duration.ofSeconds(60)).until(() -> live(ReadModelStore.MEETINGS).containsKey(meetingId.toString())
                && live(ReadModelStore.MEETINGS).get(meetingId.toString()).getLong("sequence") == 9);
        Map<String, Document> meetingsBefore = live(ReadModelStore.MEETINGS);
        Map<String, Document> registrationsBefore = live(ReadModelStore.REGISTRATIONS);
        Map<String, Document> arrivalOrderBefore = live(ReadModelStore.ARRIVAL_ORDER);

        assertThat(asOperator().post("/api/v1/admin/projections/rebuild", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).until(() ->
                status().body().path("rebuild").path("state").asText().equals("COMPLETED"));

        assertThat(meetingsBefore.get(meetingId.toString()).getInteger("offered")).isZero();
        assertThat(meetingsBefore.get(meetingId.toString()).getInteger("confirmed")).isEqualTo(2);
        assertThat(live(ReadModelStore.MEETINGS)).isEqualTo(meetingsBefore);
        assertThat(live(ReadModelStore.REGISTRATIONS)).isEqualTo(registrationsBefore);
        assertThat(live(ReadModelStore.ARRIVAL_ORDER)).isEqualTo(arrivalOrderBefore);
    }

    @Test
    void aRebuildFillsTheNextGenerationWhileTheLiveOneServesThenSwitchesOver() {
        List<Histories> histories = projectedHistories(50, 200);
        Map<String, Document> meetingsBefore = live(ReadModelStore.MEETINGS);
        Map<String, Document> registrationsBefore = live(ReadModelStore.REGISTRATIONS);
        Map<String, Document> historyBefore = live(ReadModelStore.HISTORY);
        long generationBefore = status().body().path("liveGeneration").asLong();
        String meeting = "/api/v1/meetings/" + histories.getFirst().meetingId();

        Response started = asOperator().post("/api/v1/admin/projections/rebuild", null);
        Response second = asOperator().post("/api/v1/admin/projections/rebuild", null);

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().path("generation").asLong()).isEqualTo(generationBefore + 1);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().path("code").asText()).isEqualTo("REBUILD_IN_PROGRESS");
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            assertThat(asOperator().get(meeting).body().path("confirmed").asInt()).as("reads keep working").isEqualTo(100);
            return status().body().path("rebuild").path("state").asText().equals("COMPLETED");
        });
        JsonNode after = status().body();
        assertThat(after.path("liveGeneration").asLong()).isEqualTo(generationBefore + 1);
        assertThat(after.path("rebuild").path("progress").asDouble()).isEqualTo(1.0);
        assertThat(after.path("rebuild").path("eventsProjected").asLong()).isGreaterThanOrEqualTo(50 * 201);
        assertThat(live(ReadModelStore.MEETINGS)).isEqualTo(meetingsBefore);
        assertThat(live(ReadModelStore.REGISTRATIONS)).isEqualTo(registrationsBefore);
        assertThat(live(ReadModelStore.HISTORY)).isEqualTo(historyBefore);
        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .doesNotContainAnyElementsOf(readModelCollections(generationBefore));

        Histories first = histories.getFirst();
        publisher.publish(first.registered(UUID.randomUUID()).events().subList(201, 202));
        await().until(() -> asOperator().get(meeting).body().path("sequence").asLong() == 201);

        Response verification = asOperator().post("/api/v1/admin/projections/verification", null);
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.body().path("differenceCount").asLong()).as(verification.body().toString()).isZero();
        assertThat(verification.body().path("documentsCompared").asLong()).isGreaterThan(10_000);
    }

    @Test
    void aRebuildWhoseInstanceDiedBlocksNothingAndTheLiveGenerationKeptServing() {
        List<Histories> histories = projectedHistories(3, 10);
        long live = status().body().path("liveGeneration").asLong();
        database.getCollection(LiveReadModels.STATE).replaceOne(new Document("_id", "rebuild"),
                new Document("_id", "rebuild").append("rebuildId", "died").append("state", "RUNNING")
                        .append("generation", live + 1).append("heartbeat", 0L),
                new ReplaceOptions().upsert(true));
        database.getCollection("meetings_g" + (live + 1)).insertOne(new Document("_id", "left-over"));
        assertThat(asOperator().get("/api/v1/meetings/" + histories.getFirst().meetingId()).status()).isEqualTo(200);

        Response started = asOperator().post("/api/v1/admin/projections/rebuild", null);

        assertThat(started.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status().body().path("rebuild").path("state").asText().equals("COMPLETED"));
        assertThat(live(ReadModelStore.MEETINGS)).doesNotContainKey("left-over")
                .containsKey(histories.getFirst().meetingId().toString());
    }

    @Test
    void onlyOperatorsSeeAndRunTheProjection() {
        for (String token : List.of(TestTokens.organiser(Histories.ORGANISATION), TestTokens.withRole(Roles.AUDITOR))) {
            assertThat(new JsonHttp(port).withBearer(token).get("/api/v1/admin/projections").status()).isEqualTo(403);
            assertThat(new JsonHttp(port).withBearer(token).post("/api/v1/admin/projections/rebuild", null).status())
                    .isEqualTo(403);
        }
        assertThat(new JsonHttp(port).get("/api/v1/admin/projections").status()).isEqualTo(401);
    }

    private static List<String> readModelCollections(long generation) {
        String suffix = generation == 0 ? "" : "_g" + generation;
        return List.of("meetings" + suffix, "registrations" + suffix, "arrival_order" + suffix);
    }

}
