package de.participation.command.web;

import de.participation.command.support.CommandServiceIT;
import de.participation.localstack.CheckedInApiDescription;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of API.md against the real service on its embedded PostgreSQL. */
class CommandApiIT extends CommandServiceIT {

    private final UUID meetingId = UUID.randomUUID();
    @LocalServerPort
    private int port;

    /** Without a token: a client generator fetches it as it is (docs/openapi.md). */
    @Test
    void servesTheCheckedInApiDescription() {
        new CheckedInApiDescription("command-service").check(port);
    }

    @Test
    void servesTheApiDescriptionAsYamlTooWithoutAToken() {
        Response yaml = new JsonHttp(port).get("/v3/api-docs.yaml");

        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.raw().body()).contains("openapi: 3.1.0", "/api/v1/meetings/{meetingId}/registrations:");
    }

    private void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asText()).isEqualTo(code);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().path("title").asText()).isNotBlank();
        assertThat(response.body().path("detail").asText()).isNotBlank();
        assertThat(response.raw().body()).doesNotContain("at de.participation", "Exception");
    }

    @Test
    void schedulingAnswers201WithLocationAndFirstSequence() {
        Response response = api.scheduleMeeting(meetingId, 40);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.raw().headers().firstValue("Location")).hasValue("/api/v1/meetings/" + meetingId);
        assertThat(response.body().path("meetingId").asText()).isEqualTo(meetingId.toString());
        assertThat(response.body().path("sequence").asLong()).isZero();
    }

    @Test
    void schedulingWithoutMeetingIdAssignsOne() {
        Response response = api.post("/api/v1/meetings", """
                {"title": "forum sachsen digital", "location": "Leipzig",
                 "startsAt": "2099-06-27T09:00:00+02:00", "capacity": 300,
                 "waitingList": {"enabled": false}}""");

        assertThat(response.status()).isEqualTo(201);
        assertThat(UUID.fromString(response.body().path("meetingId").asText())).isNotNull();
    }

    @Test
    void repeatedScheduleAnswers200WithSameBodyAndWritesNothing() {
        Response first = api.scheduleMeeting(meetingId, 40);
        Response again = api.scheduleMeeting(meetingId, 40);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(stored.of(meetingId)).hasSize(1);
    }

    @Test
    void rescheduleWithOtherDetailsIsAConflict() {
        api.scheduleMeeting(meetingId, 40);

        assertProblem(api.scheduleMeeting(meetingId, 41), 409, "MEETING_ID_CONFLICT");
    }

    @Test
    void registrationIsConfirmedThenWaitlistedWithPosition() {
        api.scheduleMeeting(meetingId, 1);

        Response confirmed = api.register(meetingId, UUID.randomUUID(), "Erika Mustermann", "erika@example.org");
        Response waitlisted = api.register(meetingId, UUID.randomUUID(), "Max Mustermann", "max@example.org");

        assertThat(confirmed.status()).isEqualTo(201);
        assertThat(confirmed.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.body().path("waitingListPosition").isNull()).isTrue();
        assertThat(confirmed.body().path("sequence").asLong()).isEqualTo(1);
        assertThat(waitlisted.status()).isEqualTo(201);
        assertThat(waitlisted.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(waitlisted.body().path("waitingListPosition").asInt()).isEqualTo(1);
        assertThat(waitlisted.body().path("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void retriedRegistrationAnswers200WithCurrentOutcome() {
        api.scheduleMeeting(meetingId, 1);
        UUID registrationId = UUID.randomUUID();
        api.register(meetingId, registrationId, "Erika Mustermann", "erika@example.org");

        Response retry = api.register(meetingId, registrationId, "Erika Mustermann", "Erika@Example.org");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(stored.of(meetingId)).hasSize(2);
    }

    @Test
    void ruleViolationsAre409WithTheirCode() {
        api.scheduleMeeting(meetingId, 1);
        UUID erika = UUID.randomUUID();
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");

        Response duplicate = api.register(meetingId, UUID.randomUUID(), "Erika M.", " ERIKA@example.org ");
        assertProblem(duplicate, 409, "ALREADY_REGISTERED");
        assertThat(duplicate.body().path("registrationId").asText()).isEqualTo(erika.toString());

        assertProblem(api.register(meetingId, erika, "Someone Else", "else@example.org"), 409, "REGISTRATION_ID_CONFLICT");
        assertProblem(api.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Max", "email": "max@example.org"},
                 "joinWaitingListIfFull": false}""".formatted(UUID.randomUUID())), 409, "MEETING_FULL");
        assertThat(stored.of(meetingId)).hasSize(2);
    }

    @Test
    void registrationIdOfOneMeetingCannotBeUsedForAnother() {
        UUID otherMeeting = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        api.scheduleMeeting(otherMeeting, 5);
        UUID registrationId = UUID.randomUUID();
        api.register(meetingId, registrationId, "Erika Mustermann", "erika@example.org");

        Response reused = api.register(otherMeeting, registrationId, "Erika Mustermann", "erika@example.org");

        assertProblem(reused, 409, "REGISTRATION_ID_CONFLICT");
        assertThat(stored.of(otherMeeting)).hasSize(1);
    }

    @Test
    void cancellingConfirmedRegistrationPromotesAndReportsIt() {
        api.scheduleMeeting(meetingId, 1);
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, max, "Max Mustermann", "max@example.org");

        Response cancelled = api.post("/api/v1/meetings/" + meetingId + "/registrations/" + erika + "/cancel",
                "{\"reason\": \"Terminkonflikt\"}");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("registrationId").asText()).isEqualTo(erika.toString());
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().path("promoted").get(0).asText()).isEqualTo(max.toString());
        assertThat(cancelled.body().path("sequence").asLong()).isEqualTo(4);
        assertThat(api.cancelRegistration(meetingId, erika).body()).isEqualTo(cancelled.body());
    }

    @Test
    void capacityGrowthPromotesInOrder() {
        api.scheduleMeeting(meetingId, 1);
        api.register(meetingId, UUID.randomUUID(), "Erika", "erika@example.org");
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        api.register(meetingId, second, "Max", "max@example.org");
        api.register(meetingId, third, "Jonas", "jonas@example.org");

        Response grown = api.put("/api/v1/meetings/" + meetingId + "/capacity", "{\"capacity\": 3}");

        assertThat(grown.status()).isEqualTo(200);
        assertThat(grown.body().path("capacity").asInt()).isEqualTo(3);
        assertThat(grown.body().path("promoted")).extracting(node -> node.asText())
                .containsExactly(second.toString(), third.toString());
        assertThat(grown.body().path("sequence").asLong()).isEqualTo(6);
        assertProblem(api.put("/api/v1/meetings/" + meetingId + "/capacity", "{\"capacity\": 2}"), 409,
                "CAPACITY_BELOW_CONFIRMED");
    }

    @Test
    void organiserClosesReopensAndCancels() {
        api.scheduleMeeting(meetingId, 5);

        Response closed = api.post("/api/v1/meetings/" + meetingId + "/registration/close", null);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().path("sequence").asLong()).isEqualTo(1);
        assertProblem(api.register(meetingId, UUID.randomUUID(), "Erika", "erika@example.org"), 409, "REGISTRATION_CLOSED");

        Response reopened = api.post("/api/v1/meetings/" + meetingId + "/registration/open", null);
        assertThat(reopened.body().path("sequence").asLong()).isEqualTo(2);
        api.register(meetingId, UUID.randomUUID(), "Erika", "erika@example.org");

        Response cancelled = api.post("/api/v1/meetings/" + meetingId + "/cancel", "{\"reason\": \"Raum fehlt\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("sequence").asLong()).isEqualTo(5);
        assertProblem(api.register(meetingId, UUID.randomUUID(), "Max", "max@example.org"), 409, "MEETING_CANCELLED");
    }

    @Test
    void unknownMeetingAndRegistrationAre404() {
        assertProblem(api.register(UUID.randomUUID(), UUID.randomUUID(), "Erika", "erika@example.org"), 404, "NOT_FOUND");
        assertProblem(api.post("/api/v1/meetings/" + UUID.randomUUID() + "/registration/close", null), 404, "NOT_FOUND");
        api.scheduleMeeting(meetingId, 5);
        assertProblem(api.cancelRegistration(meetingId, UUID.randomUUID()), 404, "NOT_FOUND");
    }

    @Test
    void eventsRecordCorrelationIdAndTheAuthenticatedCallerNotAClaimedOne() {
        api.post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Workshop", "location": "Meißen",
                 "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 5}""".formatted(meetingId),
                "X-Correlation-Id", "req-4711", "X-Issued-By", "somebody-else");
        api.register(meetingId, UUID.randomUUID(), "Erika", "erika@example.org");

        var events = stored.of(meetingId);
        assertThat(events.get(0).metadata()).contains("\"correlationId\":\"req-4711\"", "\"issuedBy\":\"organiser-smwa\"");
        assertThat(events.get(1).metadata()).contains("\"issuedBy\":\"portal-local\"")
                .containsPattern("\"correlationId\":\"[0-9a-f-]{36}\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 0}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 100001}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5.5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\"}",
            "{\"title\": \" \", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5}",
            "{\"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5, \"status\": \"CANCELLED\"}",
            "{\"meetingId\": \"not-a-uuid\", \"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5, \"waitingList\": {\"enabled\": \"sometimes\"}}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5, \"waitingList\": {\"enabled\": true, \"limit\": -1}}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"endsAt\": \"2099-06-03T09:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"registrationClosesAt\": \"2099-06-04T10:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"registrationOpensAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"+999999999-12-31T23:59:59Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": 4083840000, \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": \"4\"}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5, \"capacity\": 6}",
            "{\"title\": 42, \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5, \"waitingList\": {\"enabled\": 1}}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2201-01-01T00:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"endsAt\": \"9999-06-03T10:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"registrationOpensAt\": \"1970-01-01T00:00:00Z\", \"capacity\": 5}",
            "{\"title\": \"x\", \"location\": \"y\", \"startsAt\": \"2099-06-03T10:00:00Z\", \"capacity\": 5} {}",
            "{\"title\": \"x\", \"location\": ",
            "[]",
            "",
    })
    void invalidScheduleIsRefusedWith400AndWritesNothing(String body) {
        long before = stored.total();

        assertProblem(api.post("/api/v1/meetings", body), 400, "VALIDATION_FAILED");

        assertThat(stored.total()).isEqualTo(before);
    }

    @Test
    void validationProblemNamesEveryInvalidField() {
        Response response = api.post("/api/v1/meetings", """
                {"title": "", "location": "%s", "startsAt": "2099-06-03T10:00:00Z", "capacity": 0}"""
                .formatted("x".repeat(201)));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body().path("errors").findValuesAsText("field"))
                .containsExactly("capacity", "location", "title");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"participant\": {\"name\": \"Erika\", \"email\": \"erika@example.org\"}}",
            "{\"registrationId\": \"123\", \"participant\": {\"name\": \"Erika\", \"email\": \"erika@example.org\"}}",
            "{\"registrationId\": \"%s\"}",
            "{\"registrationId\": \"%s\", \"participant\": {\"name\": \"Erika\", \"email\": \"not-an-email\"}}",
            "{\"registrationId\": \"%s\", \"participant\": {\"name\": \"\", \"email\": \"erika@example.org\"}}",
            "{\"registrationId\": \"%s\", \"participant\": {\"email\": \"erika@example.org\"}}",
            "{\"registrationId\": \"%s\", \"participant\": {\"name\": \"Erika\", \"email\": \"erika@example.org\", \"organisation\": \"%s\"}}",
            "{\"registrationId\": \"%s\", \"participant\": {\"name\": \"Erika\", \"email\": \"erika@example.org\"}, \"joinWaitingListIfFull\": \"yes\"}",
            "{\"registrationId\": \"%s\", \"participant\": {\"name\": \"Erika\", \"email\": \"erika@example.org\"}, \"status\": \"CONFIRMED\"}",
            "{\"registrationId\": \"%s\", \"participant\": {\"name\": \"Erika\", \"email\": \"erika@example.org\"}, \"waitingListPosition\": 1}",
    })
    void invalidRegistrationIsRefusedWith400AndWritesNothing(String template) {
        api.scheduleMeeting(meetingId, 5);
        long before = stored.total();

        Response response = api.post("/api/v1/meetings/" + meetingId + "/registrations",
                template.formatted(UUID.randomUUID(), "o".repeat(201)));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body().path("errors")).isNotEmpty();
        assertThat(stored.total()).isEqualTo(before);
    }

    @Test
    void invalidIdsInThePathAre400() {
        assertProblem(api.post("/api/v1/meetings/not-a-uuid/cancel", null), 400, "VALIDATION_FAILED");
        assertProblem(api.post("/api/v1/meetings/" + meetingId + "/registrations/xyz/cancel", null), 400,
                "VALIDATION_FAILED");
    }

    @Test
    void overlongReasonAndBadCapacityAre400() {
        api.scheduleMeeting(meetingId, 5);
        assertProblem(api.post("/api/v1/meetings/" + meetingId + "/cancel",
                "{\"reason\": \"" + "r".repeat(1001) + "\"}"), 400, "VALIDATION_FAILED");
        assertProblem(api.put("/api/v1/meetings/" + meetingId + "/capacity", "{\"capacity\": \"many\"}"), 400,
                "VALIDATION_FAILED");
        assertProblem(api.put("/api/v1/meetings/" + meetingId + "/capacity", "{}"), 400, "VALIDATION_FAILED");
        assertThat(stored.of(meetingId)).hasSize(1);
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"title\": \"" + "x".repeat(70_000) + "\"}";

        assertProblem(api.post("/api/v1/meetings", huge), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void overlongCorrelationIdIs400() {
        assertProblem(api.post("/api/v1/meetings", "{}", "X-Correlation-Id", "x".repeat(200)), 400, "VALIDATION_FAILED");
    }

    @Test
    void unsupportedMethodAndMediaTypeAreProblems() {
        assertProblem(api.put("/api/v1/meetings", "{}"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(api.post("/api/v1/meetings", "x", "Content-Type", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
}
