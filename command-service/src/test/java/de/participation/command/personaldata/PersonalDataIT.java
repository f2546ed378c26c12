package de.participation.command.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.PlaintextScan;
import de.participation.command.support.TestTokens;
import de.participation.localstack.JsonHttp.Response;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crypto-shredding through the API: personal data is stored sealed only, opened for those allowed,
 * and erased by deleting its key, while the registration, the counts and the order stay.
 */
@TestPropertySource(properties = "participation.meeting.snapshot-threshold=5")
class PersonalDataIT extends CommandServiceIT {

    @Autowired
    JdbcTemplate jdbc;

    private Response open(String token, UUID meetingId, UUID... registrationIds) {
        String sealed = String.join(",", Arrays.stream(registrationIds)
                .map(id -> "{\"registrationId\": \"%s\", \"ciphertext\": \"%s\"}"
                        .formatted(id, stored.sealedParticipantOf(meetingId, id)))
                .toList());
        return api.post("/api/v1/personal-data/open", "{\"registrations\": [" + sealed + "]}",
                "Authorization", "Bearer " + token);
    }

    private Response erase(UUID registrationId, String token) {
        return api.post("/api/v1/registrations/" + registrationId + "/erasure", null, "Authorization", "Bearer " + token);
    }

    @Test
    void anErasedParticipantCannotBeOpenedAnyMoreWhileTheRegistrationKeepsItsSeat() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 1);
        api.register(meetingId, erika, "Erika Mustermann", "erika.erased@example.org");
        api.register(meetingId, max, "Max Mustermann", "max.kept@example.org");
        JsonNode before = open(TestTokens.organiser(), meetingId, erika, max).body().path("registrations");
        assertThat(before.get(0).path("participant").path("email").asText()).isEqualTo("erika.erased@example.org");

        Response erased = erase(erika, TestTokens.organiser());

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.body().path("personalDataErased").asBoolean()).isTrue();
        assertThat(erased.body().path("sequence").asLong()).isEqualTo(3);
        JsonNode after = open(TestTokens.organiser(), meetingId, erika, max).body().path("registrations");
        assertThat(after.get(0).path("erased").asBoolean()).isTrue();
        assertThat(after.get(0).path("participant").isNull()).isTrue();
        assertThat(after.get(1).path("participant").path("email").asText()).isEqualTo("max.kept@example.org");
        assertThat(jdbc.queryForObject("select count(*) from participant_key where registration_id = ?",
                Integer.class, erika)).isZero();
        assertThat(stored.of(meetingId)).extracting(event -> event.simpleType()).containsExactly("MeetingScheduled",
                "ParticipantRegistered", "ParticipantWaitlisted", "ParticipantDataErased");

        Response cancelled = api.cancelRegistration(meetingId, erika);
        assertThat(cancelled.body().path("promoted").get(0).asText()).isEqualTo(max.toString());
    }

    @Test
    void erasingAgainChangesNothingAndAnswersTheSame() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        api.register(meetingId, erika, "Erika Mustermann", "erika.twice@example.org");
        Response first = erase(erika, TestTokens.withRole(Roles.OPERATOR));
        long events = stored.total();

        Response second = erase(erika, TestTokens.organiser());

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(stored.total()).isEqualTo(events);
    }

    @Test
    void thePersonIsRecognisedUntilErasureAndAfterwardsNothingInTheStoreRecognisesThem() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        api.register(meetingId, erika, "Erika Mustermann", "erika.again@example.org");
        String emailHash = jdbc.queryForObject("select email_hash from participant_key where registration_id = ?",
                String.class, erika);
        Response twice = api.register(meetingId, UUID.randomUUID(), "Erika M.", " Erika.Again@example.org");
        assertThat(twice.body().path("code").asText()).isEqualTo("ALREADY_REGISTERED");
        assertThat(twice.body().path("registrationId").asText()).isEqualTo(erika.toString());

        erase(erika, TestTokens.organiser());

        assertThat(new PlaintextScan(jdbc).rowsContaining(emailHash)).isEmpty();
        Response again = api.register(meetingId, UUID.randomUUID(), "Erika M.", " Erika.Again@example.org");
        assertThat(again.status()).isEqualTo(201);
        assertThat(api.register(meetingId, erika, "Someone Else", "someone@example.org").status())
                .as("a retry of the erased registration is answered by its id alone").isEqualTo(200);
    }

    @Test
    void aRetryIsComparedWithTheSealedNameWithoutTheMeetingKeepingIt() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        api.register(meetingId, erika, "Erika Mustermann", "erika.retry@example.org");

        Response same = api.register(meetingId, erika, " Erika Mustermann ", "Erika.Retry@example.org");
        Response otherName = api.register(meetingId, erika, "Erika Musterfrau", "erika.retry@example.org");

        assertThat(same.status()).isEqualTo(200);
        assertThat(otherName.status()).isEqualTo(409);
        assertThat(otherName.body().path("code").asText()).isEqualTo("REGISTRATION_ID_CONFLICT");
    }

    @Test
    void erasingAnUnknownRegistrationIsNotFound() {
        Response response = erase(UUID.randomUUID(), TestTokens.organiser());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aCiphertextMovedToAnotherRegistrationDoesNotOpen() {
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        api.register(meetingId, erika, "Erika Mustermann", "erika.moved@example.org");
        api.register(meetingId, max, "Max Mustermann", "max.moved@example.org");

        Response response = api.post("/api/v1/personal-data/open", """
                {"registrations": [{"registrationId": "%s", "ciphertext": "%s"}]}"""
                .formatted(max, stored.sealedParticipantOf(meetingId, erika)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().toString()).doesNotContain("erika.moved");
    }

    @Test
    void tooManyRegistrationsAtOnceAreRefused() {
        String many = String.join(",", IntStream.range(0, 1_001)
                .mapToObj(i -> "{\"registrationId\": \"%s\", \"ciphertext\": \"x\"}".formatted(UUID.randomUUID()))
                .toList());

        Response response = api.post("/api/v1/personal-data/open", "{\"registrations\": [" + many + "]}");

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void noTableOfTheStoreHoldsANameOrEmailInClearOrItsHashNotEvenSnapshots() {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 3);
        List<UUID> registrations = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID()).toList();
        for (int i = 0; i < registrations.size(); i++) {
            api.register(meetingId, registrations.get(i), "Scanname" + i + " Zuname", "scanmail" + i + "@example.org");
        }
        api.cancelRegistration(meetingId, registrations.get(0));
        await().until(() -> jdbc.queryForObject("select count(*) from snapshotevententry where aggregateidentifier = ?",
                Integer.class, meetingId.toString()) > 0);
        PlaintextScan scan = new PlaintextScan(jdbc);

        assertThat(scan.rowsContaining("Regionen-Workshop")).as("the scan reads event payloads").isNotEmpty();
        assertThat(scan.rowsContaining("scanmail")).isEmpty();
        assertThat(scan.rowsContaining("Scanname")).isEmpty();
        for (UUID registration : registrations) {
            String emailHash = jdbc.queryForObject("select email_hash from participant_key where registration_id = ?",
                    String.class, registration);
            assertThat(scan.rowsContaining(emailHash)).as("the hash is kept beside the key only, not in events or snapshots")
                    .singleElement().asString().startsWith("participant_key: ");
        }
    }
}
