package de.participation.command.web;

import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.TestTokens;
import de.participation.localstack.JsonHttp.Response;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command endpoint against every kind of caller: who may, who may not. */
class RoleMatrixIT extends CommandServiceIT {

    private static String token(String caller) {
        return switch (caller) {
            case "portal" -> TestTokens.portal();
            case "organiser" -> TestTokens.organiser();
            case "other-organiser" -> TestTokens.organiser(TestTokens.OTHER_ORGANISATION);
            case "auditor" -> TestTokens.withRole(Roles.AUDITOR);
            case "operator" -> TestTokens.withRole(Roles.OPERATOR);
            case "data-protection" -> TestTokens.withRole(Roles.DATA_PROTECTION);
            default -> throw new IllegalArgumentException(caller);
        };
    }

    private Response call(String endpoint, String caller) {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        UUID registrationId = UUID.randomUUID();
        api.register(meetingId, registrationId, "Erika Mustermann", "erika@example.org");
        String[] auth = caller.equals("nobody") ? new String[]{"Authorization", "Bearer"}
                : new String[]{"Authorization", "Bearer " + token(caller)};
        String meeting = "/api/v1/meetings/" + meetingId;
        return switch (endpoint) {
            case "schedule" -> api.post("/api/v1/meetings", """
                    {"title": "Workshop", "location": "Meißen", "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 5}""",
                    auth);
            case "capacity" -> api.put(meeting + "/capacity", "{\"capacity\": 9}", auth);
            case "details" -> api.put(meeting + "/details", "{\"location\": \"Riesa\"}", auth);
            case "seats" -> api.put(meeting + "/registrations/" + registrationId + "/seats", "{\"seats\": 1}", auth);
            case "accept-offer" -> api.post(meeting + "/registrations/" + registrationId + "/offer/accept", null, auth);
            case "decline-offer" -> api.post(meeting + "/registrations/" + registrationId + "/offer/decline", null, auth);
            case "check-in" -> api.post(meeting + "/registrations/" + registrationId + "/check-in", null, auth);
            case "undo-check-in" -> api.delete(meeting + "/registrations/" + registrationId + "/check-in", auth);
            case "close" -> api.post(meeting + "/registration/close", null, auth);
            case "open" -> api.post(meeting + "/registration/open", null, auth);
            case "cancel-meeting" -> api.post(meeting + "/cancel", null, auth);
            case "register" -> api.post(meeting + "/registrations", """
                    {"registrationId": "%s", "participant": {"name": "Max", "email": "max@example.org"}}"""
                    .formatted(UUID.randomUUID()), auth);
            case "cancel-registration" -> api.post(meeting + "/registrations/" + registrationId + "/cancel", null, auth);
            case "erase" -> api.post("/api/v1/registrations/" + registrationId + "/erasure", null, auth);
            case "read-personal-data" -> api.post("/api/v1/personal-data/open", """
                    {"registrations": [{"registrationId": "%s", "ciphertext": "%s"}]}"""
                    .formatted(registrationId, stored.sealedParticipantOf(meetingId, registrationId)), auth);
            case "email-hashes" -> api.post("/api/v1/personal-data/email-hashes", """
                    {"email": "erika@example.org", "meetingIds": ["%s"]}""".formatted(meetingId), auth);
            case "scan" -> api.post("/api/v1/admin/personal-data-scans", "{\"email\": \"erika@example.org\"}", auth);
            case "key-encryption-keys" -> api.get("/api/v1/admin/key-encryption-keys", auth);
            case "rewrap" -> api.post("/api/v1/admin/key-encryption-keys/rewrap", null, auth);
            case "scan-trail" -> api.get("/api/v1/admin/personal-data-scans", auth);
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
            "schedule, organiser, 201", "schedule, other-organiser, 201", "schedule, portal, 403",
            "schedule, auditor, 403", "schedule, operator, 403",
            "capacity, organiser, 200", "capacity, other-organiser, 403", "capacity, portal, 403",
            "capacity, auditor, 403", "capacity, operator, 403",
            "details, organiser, 200", "details, other-organiser, 403", "details, portal, 403",
            "details, auditor, 403", "details, operator, 403", "details, nobody, 401",
            "seats, portal, 200", "seats, organiser, 403", "seats, auditor, 403", "seats, operator, 403",
            "seats, nobody, 401",
            "accept-offer, portal, 409", "accept-offer, organiser, 403", "accept-offer, auditor, 403",
            "accept-offer, operator, 403", "decline-offer, portal, 409", "decline-offer, organiser, 403",
            "decline-offer, nobody, 401",
            "check-in, organiser, 200", "check-in, other-organiser, 403", "check-in, portal, 403",
            "check-in, auditor, 403", "check-in, operator, 403", "check-in, nobody, 401",
            "undo-check-in, organiser, 200", "undo-check-in, portal, 403", "undo-check-in, nobody, 401",
            "close, organiser, 200", "close, other-organiser, 403", "close, portal, 403",
            "close, auditor, 403", "close, operator, 403",
            "open, organiser, 200", "open, other-organiser, 403", "open, portal, 403",
            "cancel-meeting, organiser, 200", "cancel-meeting, other-organiser, 403", "cancel-meeting, portal, 403",
            "cancel-meeting, auditor, 403", "cancel-meeting, operator, 403",
            "register, portal, 201", "register, organiser, 403", "register, auditor, 403", "register, operator, 403",
            "cancel-registration, portal, 200", "cancel-registration, organiser, 200",
            "cancel-registration, other-organiser, 403",
            "cancel-registration, auditor, 403", "cancel-registration, operator, 403",
            "erase, organiser, 200", "erase, other-organiser, 403", "erase, operator, 200", "erase, portal, 403",
            "erase, auditor, 403",
            "email-hashes, data-protection, 200", "email-hashes, operator, 403", "email-hashes, portal, 403",
            "email-hashes, organiser, 403", "email-hashes, auditor, 403", "email-hashes, nobody, 401",
            "scan, data-protection, 200", "scan, operator, 403", "scan, portal, 403", "scan, organiser, 403",
            "scan, auditor, 403", "scan, nobody, 401",
            "scan-trail, data-protection, 200", "scan-trail, auditor, 200", "scan-trail, operator, 403",
            "scan-trail, portal, 403", "scan-trail, organiser, 403", "scan-trail, nobody, 401",
            "schedule, data-protection, 403", "capacity, data-protection, 403", "details, data-protection, 403",
            "seats, data-protection, 403", "accept-offer, data-protection, 403", "decline-offer, data-protection, 403",
            "check-in, data-protection, 403", "undo-check-in, data-protection, 403", "close, data-protection, 403",
            "open, data-protection, 403", "cancel-meeting, data-protection, 403", "register, data-protection, 403",
            "cancel-registration, data-protection, 403", "erase, data-protection, 403",
            "read-personal-data, data-protection, 403",
            "key-encryption-keys, operator, 200", "key-encryption-keys, portal, 403",
            "key-encryption-keys, organiser, 403", "key-encryption-keys, auditor, 403",
            "key-encryption-keys, data-protection, 403", "key-encryption-keys, nobody, 401",
            "rewrap, operator, 202", "rewrap, portal, 403", "rewrap, organiser, 403", "rewrap, auditor, 403",
            "rewrap, data-protection, 403", "rewrap, nobody, 401",
            "read-personal-data, portal, 200", "read-personal-data, organiser, 200", "read-personal-data, auditor, 200",
            "read-personal-data, other-organiser, 403", "read-personal-data, operator, 403",
            "schedule, nobody, 401", "capacity, nobody, 401", "register, nobody, 401", "cancel-registration, nobody, 401",
            "erase, nobody, 401", "read-personal-data, nobody, 401",
    })
    void callersGetWhatTheirRoleAllows(String endpoint, String caller, int expected) {
        Response response = call(endpoint, caller);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().path("code").asText())
                    .isEqualTo(expected == 401 ? "UNAUTHENTICATED" : "FORBIDDEN");
        }
    }

    @Test
    void refusedCommandsWriteNothing() {
        long before = stored.total();

        call("capacity", "other-organiser");

        assertThat(stored.total() - before).as("schedule and registration of the set-up only").isEqualTo(2);
    }

    @Test
    void requestWithoutTokenIs401WithBearerChallenge() {
        Response response = api.post("/api/v1/meetings", "{}", "Authorization", "");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void expiredTokenIs401() {
        assertThat(register("Bearer " + TestTokens.expired()).status()).isEqualTo(401);
    }

    @Test
    void tokenOfTheTrustedIssuerForAnotherApplicationOrForNoneIs401() {
        assertThat(register("Bearer " + TestTokens.forAudience(List.of("another-application"))).status()).isEqualTo(401);
        assertThat(register("Bearer " + TestTokens.forAudience(List.of())).status()).isEqualTo(401);
        assertThat(register("Bearer " + TestTokens.forAudience(List.of("another-application", "participation")))
                .status()).as("an audience that includes this system").isEqualTo(201);
    }

    @Test
    void tokenOfAnUnknownIssuerKeyIs401() {
        assertThat(register("Bearer " + TestTokens.foreign()).status()).isEqualTo(401);
    }

    @Test
    void tamperedTokenIs401() {
        String[] parts = TestTokens.portal().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"portal\"", "\"organiser\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(api.post("/api/v1/meetings", "{}", "Authorization", "Bearer " + tampered).status()).isEqualTo(401);
    }

    @Test
    void organiserTokenWithoutOrganisationCannotSchedule() {
        Response response = api.post("/api/v1/meetings", """
                {"title": "Workshop", "location": "Meißen", "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 5}""",
                "Authorization", "Bearer " + TestTokens.withRole(Roles.ORGANISER));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    private Response register(String authorization) {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        return api.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Max", "email": "max@example.org"}}"""
                .formatted(UUID.randomUUID()), "Authorization", authorization);
    }
}
