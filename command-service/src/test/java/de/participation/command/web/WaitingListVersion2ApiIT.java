package de.participation.command.web;

import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.Invariants;
import de.participation.command.support.StoredEvents.StoredEvent;
import de.participation.command.support.TestTokens;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Version 2 of the rules over HTTP: seats, the group policies, offers, details changes and check-in. */
class WaitingListVersion2ApiIT extends CommandServiceIT {

    private final UUID meetingId = UUID.randomUUID();
    private final UUID erika = UUID.randomUUID();
    private final UUID stadtwerke = UUID.randomUUID();
    private final UUID max = UUID.randomUUID();

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asText()).isEqualTo(code);
    }

    private static String text(Response response, String field) {
        return response.body().path(field).toString();
    }

    @Test
    void aGroupWaitsUnderStrictOrderUntilItFitsAndASeatGivenBackMovesItUp() {
        api.scheduleMeeting(meetingId, 4, "AUTOMATIC", 48, "STRICT_ORDER");
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org", 3);

        Response group = api.register(meetingId, stadtwerke, "Stadtwerke Meißen", "info@stadtwerke.example", 2);
        Response single = api.register(meetingId, max, "Max Mustermann", "max@example.org", 1);
        Response givenBack = api.giveSeatsBack(meetingId, erika, 2);

        assertThat(group.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(single.body().path("status").asText()).as("nobody passes the head").isEqualTo("WAITLISTED");
        assertThat(single.body().path("waitingListPosition").asInt()).isEqualTo(2);
        assertThat(givenBack.status()).isEqualTo(200);
        assertThat(givenBack.body().path("seats").asInt()).isEqualTo(2);
        assertThat(text(givenBack, "promoted")).isEqualTo("[\"" + stadtwerke + "\"]");
        Invariants.assertHeldThroughout(stored.of(meetingId));
    }

    @Test
    void underFillGapsASingleMovesPastAGroupThatDoesNotFit() {
        api.scheduleMeeting(meetingId, 4, "AUTOMATIC", 48, "FILL_GAPS");
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org", 3);
        api.register(meetingId, stadtwerke, "Stadtwerke Meißen", "info@stadtwerke.example", 2);

        Response single = api.register(meetingId, max, "Max Mustermann", "max@example.org", 1);

        assertThat(single.status()).isEqualTo(201);
        assertThat(single.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(stored.of(meetingId).getLast().payload()).contains("\"passed\":[\"" + stadtwerke + "\"]");
    }

    @Test
    void anOfferIsMadeAcceptedAndAnsweredAgainAlike() {
        api.scheduleMeeting(meetingId, 1, "OFFER", 48, "STRICT_ORDER");
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, max, "Max Mustermann", "max@example.org");

        Response cancelled = api.cancelRegistration(meetingId, erika);
        Response accepted = api.acceptOffer(meetingId, max);
        Response again = api.acceptOffer(meetingId, max);

        assertThat(text(cancelled, "offered")).isEqualTo("[\"" + max + "\"]");
        assertThat(text(cancelled, "promoted")).isEqualTo("[]");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(again.body()).isEqualTo(accepted.body());
        assertThat(stored.of(meetingId)).extracting(StoredEvent::simpleType).endsWith("OfferMade", "OfferAccepted");
    }

    @Test
    void decliningOffersTheSeatToTheNextAndAnOfferCannotBeAnsweredTwice() {
        api.scheduleMeeting(meetingId, 1, "OFFER", 48, "STRICT_ORDER");
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, max, "Max Mustermann", "max@example.org");
        api.register(meetingId, stadtwerke, "Stadtwerke Meißen", "info@stadtwerke.example");
        api.cancelRegistration(meetingId, erika);

        Response declined = api.declineOffer(meetingId, max);

        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(text(declined, "offered")).isEqualTo("[\"" + stadtwerke + "\"]");
        assertProblem(api.acceptOffer(meetingId, max), 409, "NO_OPEN_OFFER");
        assertProblem(api.acceptOffer(meetingId, erika), 409, "NO_OPEN_OFFER");
    }

    @Test
    void seatsCanBeGivenBackButNotAdded() {
        api.scheduleMeeting(meetingId, 10, "AUTOMATIC", 48, "STRICT_ORDER");
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org", 2);

        assertProblem(api.giveSeatsBack(meetingId, erika, 3), 409, "SEATS_CANNOT_GROW");
        assertProblem(api.giveSeatsBack(meetingId, erika, 0), 400, "VALIDATION_FAILED");
        assertProblem(api.register(meetingId, max, "Max Mustermann", "max@example.org", 11), 400, "VALIDATION_FAILED");
        assertThat(stored.of(meetingId)).hasSize(2);
    }

    @Test
    void detailsChangeNamesWhatChangedAndRefusesTimesThatContradictEachOther() {
        api.scheduleMeeting(meetingId, 10);

        Response moved = api.put("/api/v1/meetings/" + meetingId + "/details", """
                {"location": "Riesa, Stadthalle", "startsAt": "2099-06-04T10:00:00+02:00"}""");
        Response same = api.put("/api/v1/meetings/" + meetingId + "/details", """
                {"location": "Riesa, Stadthalle"}""");
        Response contradicting = api.put("/api/v1/meetings/" + meetingId + "/details", """
                {"endsAt": "2099-06-01T10:00:00+02:00"}""");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(text(moved, "changed")).isEqualTo("[\"location\",\"startsAt\"]");
        assertThat(moved.body().path("sequence").asLong()).isEqualTo(1);
        assertThat(text(same, "changed")).isEqualTo("[]");
        assertProblem(contradicting, 400, "VALIDATION_FAILED");
        assertThat(contradicting.body().path("errors").get(0).path("field").asText()).isEqualTo("endsAt");
        assertThat(stored.of(meetingId)).hasSize(2);
    }

    @Test
    void theDetailsOfAnotherOrganisationsMeetingStayAsTheyAre() {
        api.scheduleMeeting(meetingId, 10);

        Response foreign = api.put("/api/v1/meetings/" + meetingId + "/details", "{\"title\": \"Anders\"}",
                "Authorization", "Bearer " + TestTokens.organiser(TestTokens.OTHER_ORGANISATION));

        assertProblem(foreign, 403, "FORBIDDEN");
    }

    @Test
    void theOrganiserChecksInAConfirmedRegistrationOnceAndMayUndoIt() {
        api.scheduleMeeting(meetingId, 1);
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, max, "Max Mustermann", "max@example.org");
        String checkIn = "/api/v1/meetings/" + meetingId + "/registrations/" + erika + "/check-in";

        Response first = api.post(checkIn, null);
        Response again = api.post(checkIn, null);
        Response undone = api.delete(checkIn);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("checkedInAt").asText()).isNotBlank();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(undone.status()).isEqualTo(200);
        assertThat(undone.body().path("checkedInAt").isNull()).isTrue();
        assertProblem(api.post("/api/v1/meetings/" + meetingId + "/registrations/" + max + "/check-in", null), 409,
                "NOT_CONFIRMED");
        assertThat(stored.of(meetingId)).extracting(StoredEvent::simpleType)
                .endsWith("AttendanceRecorded", "AttendanceWithdrawn");
    }
}
