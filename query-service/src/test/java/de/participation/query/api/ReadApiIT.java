package de.participation.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.events.AttendanceRecorded;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.MeetingScheduled;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitingListPolicy;
import de.participation.kafka.Topics;
import de.participation.localstack.CheckedInApiDescription;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestPersonalDataService;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static de.participation.events.RegistrationStatus.CONFIRMED;
import static de.participation.events.RegistrationStatus.WAITLISTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read API of API.md, served from read models projected off a real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ReadApiIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();
    private static final TestPersonalDataService PERSONAL_DATA = INFRASTRUCTURE.personalData();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
        registry.add("participation.read-your-writes.max-wait", () -> "1s");
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readModels;

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());

    private final String organiserToken = TestTokens.organiser(Histories.ORGANISATION);

    /** Reads as an organiser of the organisation that runs the meetings of {@link Histories}. */
    private Response get(String path) {
        return getAs(organiserToken, path);
    }

    private Response getAs(String token, String path) {
        return new JsonHttp(port).get(path, "Authorization", "Bearer " + token);
    }

    /** Without a token: a client generator fetches it as it is (docs/openapi.md). */
    @Test
    void servesTheCheckedInApiDescription() {
        new CheckedInApiDescription("query-service").check(port);
    }

    @Test
    void meetingSummaryRegistrationsAndWaitingListFollowTheHistory() {
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        UUID jonas = UUID.randomUUID();
        UUID lea = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(2).registered(erika).registered(max)
                .waitlisted(jonas, 1).waitlisted(lea, 2).cancelled(erika, CONFIRMED).promoted(jonas, erika);
        publisher.publish(history.events());

        Response summary = get("/api/v1/meetings/" + history.meetingId() + "?minSequence=6");

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.body().path("title").asText()).isEqualTo("Regionen-Workshop");
        assertThat(summary.body().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(summary.body().path("registrationOpen").asBoolean()).isTrue();
        assertThat(summary.body().path("capacity").asInt()).isEqualTo(2);
        assertThat(summary.body().path("confirmed").asInt()).isEqualTo(2);
        assertThat(summary.body().path("available").asInt()).isZero();
        assertThat(summary.body().path("waitlisted").asInt()).isEqualTo(1);
        assertThat(summary.body().path("sequence").asLong()).isEqualTo(6);

        Response confirmed = get("/api/v1/meetings/" + history.meetingId() + "/registrations?status=CONFIRMED");
        assertThat(confirmed.body().findValuesAsText("registrationId")).containsExactly(max.toString(), jonas.toString());
        Response waiting = get("/api/v1/meetings/" + history.meetingId() + "/waiting-list");
        assertThat(waiting.body().findValuesAsText("registrationId")).containsExactly(lea.toString());
        assertThat(waiting.body().get(0).path("waitingListPosition").asInt()).isEqualTo(1);
        assertThat(waiting.body().get(0).path("participant").path("email").asText())
                .isEqualTo(Histories.participant(lea).email());

        Response one = get("/api/v1/registrations/" + lea);
        assertThat(one.body().path("meetingId").asText()).isEqualTo(history.meetingId().toString());
        assertThat(one.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(one.body().path("waitingListPosition").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/registrations/" + erika).body().path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void theRetentionPeriodAndItsEndShowInTheSummary() {
        UUID meetingId = UUID.randomUUID();
        Histories history = new Histories(meetingId).add(new MeetingScheduled(meetingId, "Bürgerforum", null, "Dresden",
                Instant.parse("2099-06-03T16:00:00Z"), Instant.parse("2099-06-03T18:00:00Z"), 10, null, null,
                WaitingListPolicy.UNLIMITED, Histories.ORGANISATION, 30));
        publisher.publish(history.events());

        JsonNode summary = get("/api/v1/meetings/" + meetingId + "?minSequence=0").body();

        assertThat(summary.path("retentionDays").asInt()).isEqualTo(30);
        assertThat(summary.path("retentionEndsAt").asText()).isEqualTo("2099-07-03T18:00:00Z");
    }

    @Test
    void offersSeatsAndDeadlinesShowInTheSummaryAndTheRegistrations() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        UUID stadtwerke = UUID.randomUUID();
        Instant deadline = Instant.parse("2099-05-22T08:00:00Z");
        Histories history = new Histories(meetingId).scheduled(4)
                .add(new ParticipantRegistered(meetingId, erika, Histories.sealed(erika), 1, List.of()))
                .add(new ParticipantWaitlisted(meetingId, stadtwerke, Histories.sealed(stadtwerke), 1, 4))
                .add(new SeatsGivenBack(meetingId, stadtwerke, WAITLISTED, 4, 3))
                .add(new OfferMade(meetingId, stadtwerke, 3, deadline, PromotionCause.SEATS_GIVEN_BACK, stadtwerke,
                        List.of()));
        publisher.publish(history.events());

        JsonNode summary = get("/api/v1/meetings/" + history.meetingId() + "?minSequence=4").body();
        JsonNode offered = get("/api/v1/registrations/" + stadtwerke).body();

        assertThat(summary.path("confirmed").asInt()).isEqualTo(1);
        assertThat(summary.path("offered").asInt()).isEqualTo(3);
        assertThat(summary.path("available").asInt()).isZero();
        assertThat(summary.path("waitlisted").asInt()).isZero();
        assertThat(offered.path("status").asText()).isEqualTo("OFFERED");
        assertThat(offered.path("seats").asInt()).isEqualTo(3);
        assertThat(Instant.parse(offered.path("offerExpiresAt").asText())).isEqualTo(deadline);
    }

    @Test
    void theCalendarEntryKeepsItsUidAndCountsEveryDetailsChange() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(5);
        publisher.publish(history.events());
        get("/api/v1/meetings/" + history.meetingId() + "?minSequence=0");
        Response before = get("/api/v1/meetings/" + history.meetingId() + "/calendar.ics");

        history.add(new MeetingDetailsChanged(history.meetingId(), "Regionen-Workshop", "Coworking im ländlichen Raum",
                "Riesa, Stadthalle", Instant.parse("2099-06-04T08:00:00Z"), null, null, null,
                List.of("location", "startsAt")));
        publisher.publish(history.events().subList(1, 2));
        get("/api/v1/meetings/" + history.meetingId() + "?minSequence=1");
        Response after = getAs(TestTokens.withRole(Roles.PORTAL), "/api/v1/meetings/" + history.meetingId() + "/calendar.ics");

        assertThat(before.status()).isEqualTo(200);
        assertThat(after.contentType()).startsWith("text/calendar");
        String uid = "UID:" + history.meetingId() + "@";
        assertThat(before.raw().body()).contains(uid, "SEQUENCE:0\r\n", "LOCATION:Meißen\r\n", "STATUS:CONFIRMED");
        assertThat(after.raw().body()).contains(uid, "SEQUENCE:1\r\n", "LOCATION:Riesa\\, Stadthalle\r\n",
                "DTSTART:20990604T080000Z\r\n");
    }

    @Test
    void aMeetingsActivityIsItsSeatsOverTimeWithoutPersonalData() {
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(1).registered(erika).waitlisted(max, 1)
                .cancelled(erika, CONFIRMED).promoted(max, erika);
        publisher.publish(history.events());
        get("/api/v1/meetings/" + history.meetingId() + "?minSequence=4");

        Response activity = get("/api/v1/meetings/" + history.meetingId() + "/activity");

        assertThat(activity.status()).isEqualTo(200);
        assertThat(activity.body().path("meetingId").asText()).isEqualTo(history.meetingId().toString());
        JsonNode points = activity.body().path("points");
        assertThat(points).hasSize(4);
        assertThat(points.get(0).path("at").asText()).isEqualTo(history.events().get(1).time().toString());
        assertThat(List.of(points.get(3).path("confirmed").asInt(), points.get(3).path("waitlisted").asInt(),
                points.get(3).path("offered").asInt(), points.get(3).path("cancelled").asInt()))
                .containsExactly(1, 0, 0, 1);
        assertThat(activity.raw().body()).doesNotContain(erika.toString(), Histories.participant(erika).name());
    }

    @Test
    void aMeetingsActivityIsReadAsItsSummaryIs() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(5).registered(UUID.randomUUID());
        publisher.publish(history.events());
        String activity = "/api/v1/meetings/" + history.meetingId() + "/activity";
        get("/api/v1/meetings/" + history.meetingId() + "?minSequence=1");

        assertThat(getAs(TestTokens.withRole(Roles.OPERATOR), activity).status()).isEqualTo(200);
        assertThat(getAs(TestTokens.organiser("STADT-LEIPZIG"), activity).status()).isEqualTo(404);
        assertThat(getAs(TestTokens.withRole(Roles.PORTAL), activity).status()).isEqualTo(403);
        assertThat(getAs(TestTokens.withRole(Roles.AUDITOR), activity).status()).isEqualTo(403);
        assertThat(new JsonHttp(port).get(activity).status()).isEqualTo(401);
        assertThat(get("/api/v1/meetings/" + UUID.randomUUID() + "/activity").body().path("code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(get("/api/v1/meetings/not-a-uuid/activity").status()).isEqualTo(400);
    }

    @Test
    void theParticipantListIsAFileForTheOrganiserAndAuditorsWithErasedParticipantsShownErased() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        Histories history = new Histories(meetingId).scheduled(1).registered(erika).waitlisted(max, 1)
                .add(new AttendanceRecorded(meetingId, erika, 1, Instant.parse("2099-06-03T07:55:00Z")));
        publisher.publish(history.events());
        get("/api/v1/meetings/" + history.meetingId() + "?minSequence=3");
        PERSONAL_DATA.erase(max);
        String path = "/api/v1/meetings/" + history.meetingId() + "/registrations";

        Response asked = new JsonHttp(port).get(path, "Authorization", "Bearer " + organiserToken,
                "Accept", "text/csv");
        Response audited = getAs(TestTokens.withRole(Roles.AUDITOR), path + ".csv");
        Response attendance = get(path + ".csv?checkedIn=true");

        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.contentType()).startsWith("text/csv");
        String[] lines = asked.raw().body().split("\r\n|\n");
        assertThat(lines[0]).startsWith("\uFEFFregistrationId,status,seats,waitingListPosition,name,email");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(erika + ",CONFIRMED,1,,").contains(Histories.participant(erika).email(),
                "2099-06-03T07:55:00Z");
        assertThat(lines[2]).startsWith(max + ",WAITLISTED,1,1,gelöscht,,");
        assertThat(audited.status()).isEqualTo(200);
        assertThat(audited.raw().body()).isEqualTo(asked.raw().body());
        assertThat(attendance.raw().body().split("\r\n|\n")).hasSize(2);
        assertThat(getAs(TestTokens.withRole(Roles.PORTAL), path + ".csv").status()).isEqualTo(403);
        assertThat(getAs(TestTokens.organiser("STADT-LEIPZIG"), path + ".csv").status()).isEqualTo(404);
    }

    @Test
    void participantsAreOpenedWithTheReadersOwnToken() {
        UUID erika = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(2).registered(erika);
        publisher.publish(history.events());

        Response registrations = get("/api/v1/meetings/" + history.meetingId() + "/registrations?minSequence=1");

        assertThat(registrations.body().get(0).path("participant").path("name").asText())
                .isEqualTo(Histories.participant(erika).name());
        assertThat(registrations.body().get(0).path("personalDataErased").asBoolean()).isFalse();
        assertThat(PERSONAL_DATA.authorizations()).contains("Bearer " + organiserToken);
    }

    @Test
    void anErasedParticipantIsShownErasedAtOnceAndCountsAndOrderStay() {
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        UUID jonas = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(1).registered(erika).waitlisted(max, 1)
                .waitlisted(jonas, 2);
        publisher.publish(history.events());
        get("/api/v1/meetings/" + history.meetingId() + "?minSequence=3");

        PERSONAL_DATA.erase(max);
        JsonNode beforeTheEvent = get("/api/v1/registrations/" + max).body();
        publisher.publish(history.erased(max).events().subList(4, 5));
        JsonNode summary = get("/api/v1/meetings/" + history.meetingId() + "?minSequence=4").body();
        JsonNode waiting = get("/api/v1/meetings/" + history.meetingId() + "/waiting-list").body();

        assertThat(beforeTheEvent.path("participant").isNull()).isTrue();
        assertThat(beforeTheEvent.path("personalDataErased").asBoolean()).isTrue();
        assertThat(waiting.findValuesAsText("registrationId")).containsExactly(max.toString(), jonas.toString());
        assertThat(waiting.get(0).path("participant").isNull()).isTrue();
        assertThat(waiting.get(0).path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(waiting.get(1).path("participant").path("name").asText())
                .isEqualTo(Histories.participant(jonas).name());
        assertThat(summary.path("confirmed").asInt()).isEqualTo(1);
        assertThat(summary.path("waitlisted").asInt()).isEqualTo(2);
        assertThat(readModels.getCollection("registrations")
                .find(new Document("_id", max.toString())).first()).containsEntry("sealedParticipant", null)
                .containsEntry("personalDataErased", true);
    }

    @Test
    void theDashboardPageAndItsSignInSettingsNeedNoToken() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/dashboard")).build(), HttpResponse.BodyHandlers.ofString());
        Response config = new JsonHttp(port).get("/dashboard/config.json");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<main", "/dashboard/dashboard.js").doesNotContain("<style", "style=");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self';", "frame-ancestors 'none'", "connect-src 'self'",
                        "report-uri /dashboard/csp-reports")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().path("clientId").asText()).isEqualTo("participation-tools");
        assertThat(new JsonHttp(port).get("/api/v1/meetings").status()).isEqualTo(401);
    }

    @Test
    void aBrowsersReportOfABlockedScriptIsLoggedForTheOperators(CapturedOutput log) throws Exception {
        HttpResponse<String> answer = postCspReport("""
                {"csp-report": {"document-uri": "http://localhost/dashboard", "effective-directive": "script-src-elem",
                 "blocked-uri": "inline\\r\\nforged log line"}}""");

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(log.getOut()).contains("Content Security Policy violation: script-src-elem blocked inline??forged log line"
                + " on http://localhost/dashboard");
    }

    @Test
    void aCspReportThatIsNotOneOrTooLargeIsRefused() throws Exception {
        assertThat(postCspReport("{\"not\": \"a report\"}").statusCode()).isEqualTo(400);
        assertThat(postCspReport("no json").statusCode()).isEqualTo(400);
        assertThat(postCspReport("{\"csp-report\": {\"blocked-uri\": \"" + "x".repeat(9000) + "\"}}").statusCode())
                .isEqualTo(413);
    }

    private HttpResponse<String> postCspReport(String report) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/dashboard/csp-reports"))
                .header("Content-Type", "application/csp-report")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenOfTheTrustedIssuerForAnotherApplicationOrForNoneIs401() {
        String meetings = "/api/v1/meetings";
        assertThat(new JsonHttp(port).withBearer(TestTokens.forAudience(List.of("another-application"))).get(meetings)
                .status()).isEqualTo(401);
        assertThat(new JsonHttp(port).withBearer(TestTokens.forAudience(List.of())).get(meetings).status())
                .isEqualTo(401);
        assertThat(new JsonHttp(port).withBearer(TestTokens.forAudience(List.of("participation"))).get(meetings)
                .status()).isEqualTo(200);
    }

    @Test
    void readYourWritesWaitsForTheProjection() {
        UUID registration = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(5).registered(registration);

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                () -> get("/api/v1/registrations/" + registration + "?minSequence=1"));
        publisher.publish(history.events());

        Response response = waiting.join();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void aSequenceNotProjectedInTimeIs504NotYetProjected() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(5);
        publisher.publish(history.events());
        await().until(() -> get("/api/v1/meetings/" + history.meetingId()).status() == 200);

        Response late = get("/api/v1/meetings/" + history.meetingId() + "?minSequence=7");

        assertThat(late.status()).isEqualTo(504);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.body().path("code").asText()).isEqualTo("NOT_YET_PROJECTED");
    }

    @Test
    void meetingsAreListedSoonestFirst() {
        UUID laterId = UUID.randomUUID();
        UUID soonerId = UUID.randomUUID();
        Histories later = new Histories(laterId).add(new MeetingScheduled(laterId, "forum sachsen digital", null,
                "Leipzig", Instant.parse("2099-06-27T07:00:00Z"), null, 300, null, null, WaitingListPolicy.UNLIMITED,
                Histories.ORGANISATION));
        Histories sooner = new Histories(soonerId).add(new MeetingScheduled(soonerId, "1. Regionen-Workshop", null,
                "Meißen", Instant.parse("2099-05-21T08:00:00Z"), null, 40, null, null, WaitingListPolicy.UNLIMITED,
                Histories.ORGANISATION));
        publisher.publish(later.events());
        publisher.publish(sooner.events());

        await().untilAsserted(() -> assertThat(get("/api/v1/meetings").body().findValuesAsText("title"))
                .containsSubsequence("1. Regionen-Workshop", "forum sachsen digital"));
    }

    @Test
    void unprocessableRecordsGoToTheDeadLetterTopicAndOthersContinue() {
        publisher.publishRaw("x", "{ this is not json");
        publisher.publishRaw("y", MeetingEventJsonSamples.unknownType());
        Histories orphan = new Histories(UUID.randomUUID()).scheduled(5).registered(UUID.randomUUID());
        publisher.publish(orphan.events().subList(1, 2));
        Histories healthy = new Histories(UUID.randomUUID()).scheduled(5);
        publisher.publish(healthy.events());

        await().until(() -> get("/api/v1/meetings/" + healthy.meetingId()).status() == 200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetterReasons())
                .anySatisfy(reason -> assertThat(reason).contains("not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown event type"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown meeting " + orphan.meetingId())));
    }

    @Test
    void listsAreServedInBoundedPagesWithTotalAndNextLink() {
        List<UUID> waiting = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        Histories history = new Histories(UUID.randomUUID()).scheduled(1).registered(UUID.randomUUID());
        for (int i = 0; i < waiting.size(); i++) {
            history.waitlisted(waiting.get(i), i + 1);
        }
        publisher.publish(history.events());
        String meeting = "/api/v1/meetings/" + history.meetingId();

        Response firstPage = get(meeting + "/waiting-list?minSequence=6&limit=2");
        Response secondPage = get(meeting + "/waiting-list?offset=2&limit=2");
        Response all = get(meeting + "/registrations");

        assertThat(firstPage.body().findValuesAsText("registrationId"))
                .containsExactly(waiting.get(0).toString(), waiting.get(1).toString());
        assertThat(firstPage.raw().headers().firstValue("X-Total-Count")).hasValue("5");
        assertThat(firstPage.raw().headers().firstValue("Link")).hasValueSatisfying(link ->
                assertThat(link).contains("offset=2", "limit=2", "rel=\"next\""));
        assertThat(secondPage.body().findValues("waitingListPosition")).extracting(JsonNode::asInt).containsExactly(3, 4);
        assertThat(all.body()).hasSize(6);
        assertThat(all.raw().headers().firstValue("Link")).isEmpty();
        assertThat(get(meeting + "/registrations?limit=1001").status()).isEqualTo(400);
        assertThat(get(meeting + "/registrations?limit=0").status()).isEqualTo(400);
        assertThat(get("/api/v1/meetings?offset=-1").status()).isEqualTo(400);
    }

    @Test
    void organisersReadOnlyTheirOwnOrganisationsMeetings() {
        UUID registration = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(5).registered(registration);
        publisher.publish(history.events());
        String meeting = "/api/v1/meetings/" + history.meetingId();
        assertThat(get(meeting + "?minSequence=1").status()).isEqualTo(200);
        String otherOrganiser = TestTokens.organiser("STADT-LEIPZIG");

        assertThat(getAs(otherOrganiser, meeting).status()).isEqualTo(404);
        assertThat(getAs(otherOrganiser, meeting + "/registrations").status()).isEqualTo(404);
        assertThat(getAs(otherOrganiser, meeting + "/waiting-list").status()).isEqualTo(404);
        assertThat(getAs(otherOrganiser, "/api/v1/registrations/" + registration).status()).isEqualTo(404);
        assertThat(getAs(otherOrganiser, "/api/v1/meetings").body().findValuesAsText("meetingId"))
                .doesNotContain(history.meetingId().toString());
        assertThat(get("/api/v1/meetings").body().findValuesAsText("meetingId"))
                .contains(history.meetingId().toString());
    }

    @Test
    void eachRoleReadsWhatItsRoleAllows() {
        UUID registration = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(5).registered(registration);
        publisher.publish(history.events());
        String meeting = "/api/v1/meetings/" + history.meetingId();
        String one = "/api/v1/registrations/" + registration;
        await().until(() -> get(one).status() == 200);
        String portal = TestTokens.withRole(Roles.PORTAL);

        assertThat(getAs(portal, one).status()).isEqualTo(200);
        for (String path : List.of("/api/v1/meetings", meeting, meeting + "/registrations", meeting + "/waiting-list")) {
            assertThat(getAs(portal, path).status()).as("portal %s", path).isEqualTo(403);
        }
        assertThat(getAs(portal, meeting + "/calendar.ics").status()).as("the portal hands out calendars").isEqualTo(200);
        assertThat(getAs(TestTokens.organiser("STADT-LEIPZIG"), meeting + "/calendar.ics").status())
                .as("another organisation's meeting").isEqualTo(404);
        for (String path : List.of("/api/v1/meetings", meeting, meeting + "/registrations", one, meeting + "/calendar.ics")) {
            Response refused = getAs(TestTokens.withRole(Roles.AUDITOR), path);
            assertThat(refused.status()).as("auditor %s", path).isEqualTo(403);
            assertThat(refused.body().path("code").asText()).isEqualTo("FORBIDDEN");
        }
        String operator = TestTokens.withRole(Roles.OPERATOR);
        assertThat(getAs(operator, "/api/v1/meetings?limit=1000").body().findValuesAsText("meetingId"))
                .as("operators see every organisation's meetings").contains(history.meetingId().toString());
        assertThat(getAs(operator, meeting).body().path("confirmed").asInt()).isEqualTo(1);
        assertThat(getAs(operator, meeting + "/calendar.ics").status()).isEqualTo(200);
        for (String path : List.of(meeting + "/registrations", meeting + "/waiting-list", one)) {
            assertThat(getAs(operator, path).status()).as("operator %s: no participants", path).isEqualTo(403);
        }
        String dataProtection = TestTokens.withRole(Roles.DATA_PROTECTION);
        for (String path : List.of("/api/v1/meetings", meeting, meeting + "/registrations", meeting + "/waiting-list",
                one, meeting + "/calendar.ics", meeting + "/registrations.csv", meeting + "/activity",
                "/api/v1/meetings/capacity/stream", meeting + "/capacity/stream",
                "/api/v1/audit/meetings/" + history.meetingId() + "/events",
                "/api/v1/audit/meetings/" + history.meetingId() + "/erasures",
                "/api/v1/audit/registrations/" + registration + "/events", "/api/v1/admin/projections",
                "/api/v1/webhooks")) {
            assertThat(getAs(dataProtection, path).status()).as("data protection %s: scans only", path).isEqualTo(403);
        }
        String scans = "/api/v1/admin/personal-data-scans";
        String scan = "{\"email\": \"nobody@example.org\"}";
        assertThat(new JsonHttp(port).post(scans, scan, "Authorization", "Bearer " + dataProtection).status())
                .isEqualTo(200);
        assertThat(getAs(dataProtection, scans).status()).isEqualTo(200);
        assertThat(getAs(TestTokens.withRole(Roles.AUDITOR), scans).status()).as("auditors read the trail").isEqualTo(200);
        for (String token : List.of(operator, portal, organiserToken, TestTokens.withRole(Roles.AUDITOR))) {
            assertThat(new JsonHttp(port).post(scans, scan, "Authorization", "Bearer " + token).status())
                    .as("only the data protection officer scans").isEqualTo(403);
        }
        for (String token : List.of(operator, portal, organiserToken)) {
            assertThat(getAs(token, scans).status()).as("nor reads the trail").isEqualTo(403);
        }
        assertThat(new JsonHttp(port).get(scans).status()).isEqualTo(401);
        Response anonymous = new JsonHttp(port).get(meeting);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(new JsonHttp(port).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void unknownIdsAre404AndInvalidParametersAre400() {
        assertThat(get("/api/v1/meetings/" + UUID.randomUUID()).body().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(get("/api/v1/registrations/" + UUID.randomUUID()).status()).isEqualTo(404);
        Response invalidId = get("/api/v1/meetings/not-a-uuid");
        assertThat(invalidId.status()).isEqualTo(400);
        assertThat(invalidId.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/meetings/" + UUID.randomUUID() + "/registrations?status=MAYBE").status()).isEqualTo(400);
        assertThat(get("/api/v1/meetings/" + UUID.randomUUID() + "?minSequence=-1").status()).isEqualTo(400);
        assertThat(get("/api/v1/meetings/" + UUID.randomUUID() + "?minSequence=abc").status()).isEqualTo(400);
    }

    private static List<String> deadLetterReasons() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRASTRUCTURE.kafka().bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.MEETING_EVENTS_DEAD_LETTERS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> reasons = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    reasons.add(new String(record.headers().lastHeader("dlt-reason").value(), StandardCharsets.UTF_8));
                }
            }
            return reasons;
        }
    }


    /** JSON that is a well-formed envelope of a type this version does not know. */
    private static final class MeetingEventJsonSamples {
        static String unknownType() {
            return """
                    {"specversion":"1.0","id":"1","source":"test","type":"de.participation.meeting.SomethingNew",
                     "subject":"y","time":"2030-01-01T00:00:00Z","sequence":0,"data":{}}""";
        }
    }
}
