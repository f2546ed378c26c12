package de.participation.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.PromotionCause;
import de.participation.events.WaitlistedParticipantPromoted;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestPersonalDataService;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditors' API: complete ordered histories, and meetings as they were at any instant. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditApiIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();
    private static final TestPersonalDataService PERSONAL_DATA = INFRASTRUCTURE.personalData();
    /** The histories of {@link Histories} happen in May 2030; this is "now" for them. */
    private static final Instant AFTER_EVERY_HISTORY = Instant.parse("2031-01-01T00:00:00Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    @LocalServerPort
    int port;

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());
    private final String auditor = TestTokens.withRole(Roles.AUDITOR);
    private final String organiser = TestTokens.organiser(Histories.ORGANISATION);

    private Response audit(String path) {
        return new JsonHttp(port).get(path, "Authorization", "Bearer " + auditor);
    }

    /** Erika and Max get the two seats, Jonas waits, capacity grows to 3 and promotes him. */
    private Histories story(UUID erika, UUID max, UUID jonas) {
        Histories history = new Histories(UUID.randomUUID()).scheduled(2).registered(erika).registered(max)
                .waitlisted(jonas, 1);
        return history.add(new MeetingCapacityChanged(history.meetingId(), 2, 3))
                .add(new WaitlistedParticipantPromoted(history.meetingId(), jonas, PromotionCause.CAPACITY_INCREASE, null));
    }

    private void projected(Histories history) {
        publisher.publish(history.events());
        long last = history.events().size() - 1;
        await().until(() -> new JsonHttp(port).get("/api/v1/meetings/" + history.meetingId(), "Authorization",
                "Bearer " + organiser).body().path("sequence").asLong(-1) == last);
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void aMeetingsHistoryIsCompleteAndInOrderEvenWhenKafkaDeliversDuplicates() {
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        UUID jonas = UUID.randomUUID();
        Histories history = story(erika, max, jonas);
        List<MeetingEventEnvelope> events = history.events();
        List<MeetingEventEnvelope> withDuplicates = new ArrayList<>(events.subList(0, 4));
        withDuplicates.addAll(events.subList(1, 3));
        withDuplicates.addAll(events.subList(2, 6));
        publisher.publish(withDuplicates);
        await().until(() -> audit("/api/v1/audit/meetings/" + history.meetingId() + "/events").body().size() == 6);

        Response response = audit("/api/v1/audit/meetings/" + history.meetingId() + "/events");

        assertThat(response.raw().headers().firstValue("X-Total-Count")).hasValue("6");
        List<JsonNode> shown = list(response.body());
        assertThat(shown).extracting(event -> event.path("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(shown).extracting(event -> event.path("eventId").asText())
                .containsExactlyElementsOf(events.stream().map(MeetingEventEnvelope::id).toList());
        JsonNode registered = shown.get(1);
        assertThat(registered.path("type").asText()).isEqualTo("de.participation.meeting.ParticipantRegistered");
        assertThat(Instant.parse(registered.path("occurredAt").asText())).isEqualTo(events.get(1).time());
        assertThat(registered.path("issuedBy").asText()).isEqualTo("portal");
        assertThat(registered.path("correlationId").asText()).isEqualTo("corr-1");
        assertThat(registered.path("schemaVersion").asInt()).isEqualTo(4);
        assertThat(registered.path("payload").path("participant").path("name").asText())
                .isEqualTo(Histories.participant(erika).name());
        assertThat(shown.get(4).path("payload").path("capacity").asInt()).isEqualTo(3);
    }

    @Test
    void longHistoriesArePaged() {
        Histories history = story(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        projected(history);

        Response page = audit("/api/v1/audit/meetings/" + history.meetingId() + "/events?offset=2&limit=3");

        assertThat(list(page.body())).extracting(event -> event.path("sequence").asLong()).containsExactly(2L, 3L, 4L);
        assertThat(page.raw().headers().firstValue("Link")).hasValueSatisfying(link ->
                assertThat(link).contains("offset=5", "rel=\"next\""));
    }

    @Test
    void theErasureReportSaysWhenHowManyWhyAndByWhom() {
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        UUID jonas = UUID.randomUUID();
        Histories history = story(erika, max, jonas).erased(max).erasedByRetention(erika, jonas);
        projected(history);

        JsonNode report = audit("/api/v1/audit/meetings/" + history.meetingId() + "/erasures").body();

        assertThat(report.path("retentionDays").asInt()).isEqualTo(90);
        assertThat(report.path("retentionEndsAt").asText()).isEqualTo("2099-09-01T08:00:00Z");
        assertThat(report.path("registrations").asInt()).isEqualTo(3);
        assertThat(report.path("erased").asInt()).isEqualTo(3);
        assertThat(report.path("erasedOnRequest").asInt()).isEqualTo(1);
        assertThat(report.path("erasedByRetention").asInt()).isEqualTo(2);
        assertThat(list(report.path("erasures"))).extracting(erasure -> erasure.path("cause").asText()
                        + " " + erasure.path("count").asInt() + " by " + erasure.path("issuedBy").asText())
                .containsExactly("REQUEST 1 by portal", "RETENTION 2 by retention");
        assertThat(report.path("erasures").get(1).path("at").asText())
                .isEqualTo(history.events().get(history.events().size() - 2).time().toString());
        assertThat(new JsonHttp(port).get("/api/v1/audit/meetings/" + history.meetingId() + "/erasures",
                "Authorization", "Bearer " + organiser).status()).isEqualTo(403);
        assertThat(audit("/api/v1/audit/meetings/" + UUID.randomUUID() + "/erasures").status()).isEqualTo(404);
    }

    @Test
    void aRegistrationsHistoryHasItsOwnEventsOnly() {
        UUID jonas = UUID.randomUUID();
        Histories history = story(UUID.randomUUID(), UUID.randomUUID(), jonas);
        projected(history);

        Response response = audit("/api/v1/audit/registrations/" + jonas + "/events");

        assertThat(list(response.body())).extracting(event -> event.path("type").asText()).containsExactly(
                "de.participation.meeting.ParticipantWaitlisted", "de.participation.meeting.WaitlistedParticipantPromoted");
        assertThat(response.body().get(1).path("payload").path("cause").asText()).isEqualTo("CAPACITY_INCREASE");
    }

    @Test
    void theStateBeforeAndAfterACapacityChangeAndNowAsLive() {
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        UUID jonas = UUID.randomUUID();
        Histories history = story(erika, max, jonas);
        projected(history);
        String state = "/api/v1/audit/meetings/" + history.meetingId() + "/state?asOf=";

        JsonNode before = audit(state + history.events().get(3).time()).body();
        JsonNode after = audit(state + history.events().get(5).time()).body();
        JsonNode now = audit(state + AFTER_EVERY_HISTORY).body();

        assertThat(before.path("meeting").path("capacity").asInt()).isEqualTo(2);
        assertThat(before.path("meeting").path("confirmed").asInt()).isEqualTo(2);
        assertThat(before.path("meeting").path("waitlisted").asInt()).isEqualTo(1);
        assertThat(before.path("registrations").get(2).path("registrationId").asText()).isEqualTo(jonas.toString());
        assertThat(before.path("registrations").get(2).path("waitingListPosition").asInt()).isEqualTo(1);
        assertThat(after.path("meeting").path("capacity").asInt()).isEqualTo(3);
        assertThat(after.path("meeting").path("confirmed").asInt()).isEqualTo(3);
        assertThat(after.path("registrations").get(2).path("status").asText()).isEqualTo("CONFIRMED");
        JsonHttp asOrganiser = new JsonHttp(port);
        assertThat(now.path("meeting")).isEqualTo(asOrganiser.get("/api/v1/meetings/" + history.meetingId(),
                "Authorization", "Bearer " + organiser).body());
        assertThat(now.path("registrations")).isEqualTo(asOrganiser.get("/api/v1/meetings/" + history.meetingId()
                + "/registrations", "Authorization", "Bearer " + organiser).body());
        assertThat(audit(state + "2030-05-20T07:00:00Z").status()).isEqualTo(404);
    }

    @Test
    void erasedPersonalDataStaysErasedInHistoryAndState() {
        UUID erika = UUID.randomUUID();
        Histories history = story(erika, UUID.randomUUID(), UUID.randomUUID());
        projected(history);
        PERSONAL_DATA.erase(erika);
        history.erased(erika);
        projected(history);

        JsonNode arrival = audit("/api/v1/audit/registrations/" + erika + "/events").body().get(0);
        JsonNode state = audit("/api/v1/audit/meetings/" + history.meetingId() + "/state?asOf=" + AFTER_EVERY_HISTORY)
                .body();

        assertThat(arrival.path("payload").path("participant").isNull()).isTrue();
        assertThat(arrival.path("payload").path("personalDataErased").asBoolean()).isTrue();
        assertThat(state.path("registrations").get(0).path("personalDataErased").asBoolean()).isTrue();
        assertThat(state.path("registrations").get(0).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(state.path("meeting").path("confirmed").asInt()).isEqualTo(3);
    }

    @Test
    void onlyAuditorsReadTheAuditApi() {
        Histories history = story(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        projected(history);
        String events = "/api/v1/audit/meetings/" + history.meetingId() + "/events";

        for (String token : List.of(organiser, TestTokens.withRole(Roles.OPERATOR), TestTokens.withRole(Roles.PORTAL))) {
            assertThat(new JsonHttp(port).get(events, "Authorization", "Bearer " + token).status()).isEqualTo(403);
        }
        assertThat(new JsonHttp(port).get(events).status()).isEqualTo(401);
        assertThat(audit("/api/v1/audit/meetings/" + history.meetingId() + "/state?asOf=yesterday").status())
                .isEqualTo(400);
        assertThat(audit("/api/v1/audit/meetings/" + UUID.randomUUID() + "/events").status()).isEqualTo(404);
    }

}
