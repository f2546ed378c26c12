package de.participation.command.support;

import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;

import java.util.Arrays;
import java.util.UUID;

/**
 * The command API as the portal and organisers call it, over real HTTP. Unless a request names its
 * own {@code Authorization}, registration requests carry a portal token and all others the token
 * of an organiser of {@link TestTokens#ORGANISATION}.
 */
public final class Api {

    private final JsonHttp http;
    private final String portalToken = TestTokens.portal();
    private final String organiserToken = TestTokens.organiser();

    public Api(int port) {
        this.http = new JsonHttp(port);
    }

    public Response post(String path, String json, String... headers) {
        return http.post(path, json, authorized(path, headers));
    }

    public Response get(String path, String... headers) {
        return http.get(path, headers);
    }

    public Response put(String path, String json, String... headers) {
        return http.put(path, json, authorized(path, headers));
    }

    public Response delete(String path, String... headers) {
        return http.delete(path, authorized(path, headers));
    }

    private String[] authorized(String path, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                return headers;
            }
        }
        // the portal's commands are on registrations, but the check-in at the door is the organiser's
        String token = path.contains("/registrations") && !path.endsWith("/check-in") ? portalToken : organiserToken;
        String[] withToken = Arrays.copyOf(headers, headers.length + 2);
        withToken[headers.length] = "Authorization";
        withToken[headers.length + 1] = "Bearer " + token;
        return withToken;
    }

    public Response scheduleMeeting(UUID meetingId, int capacity) {
        return post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Regionen-Workshop", "location": "Meißen",
                 "startsAt": "2099-06-03T10:00:00+02:00", "capacity": %d}""".formatted(meetingId, capacity));
    }

    public Response register(UUID meetingId, UUID registrationId, String name, String email) {
        return post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "%s", "email": "%s"}}"""
                .formatted(registrationId, name, email));
    }

    public Response cancelRegistration(UUID meetingId, UUID registrationId) {
        return post("/api/v1/meetings/" + meetingId + "/registrations/" + registrationId + "/cancel", null);
    }

    /** A meeting whose waiting list moves up by {@code promotion} under {@code groupPolicy}. */
    public Response scheduleMeeting(UUID meetingId, int capacity, String promotion, int offerHours, String groupPolicy) {
        return post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Regionen-Workshop", "location": "Meißen",
                 "startsAt": "2099-06-03T10:00:00+02:00", "capacity": %d,
                 "waitingList": {"enabled": true, "promotion": "%s", "offerHours": %d, "groupPolicy": "%s"}}"""
                .formatted(meetingId, capacity, promotion, offerHours, groupPolicy));
    }

    public Response register(UUID meetingId, UUID registrationId, String name, String email, int seats) {
        return post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "%s", "email": "%s"}, "seats": %d}"""
                .formatted(registrationId, name, email, seats));
    }

    public Response giveSeatsBack(UUID meetingId, UUID registrationId, int seats) {
        return put("/api/v1/meetings/" + meetingId + "/registrations/" + registrationId + "/seats",
                "{\"seats\": " + seats + "}");
    }

    public Response acceptOffer(UUID meetingId, UUID registrationId) {
        return post("/api/v1/meetings/" + meetingId + "/registrations/" + registrationId + "/offer/accept", null);
    }

    public Response declineOffer(UUID meetingId, UUID registrationId) {
        return post("/api/v1/meetings/" + meetingId + "/registrations/" + registrationId + "/offer/decline", null);
    }
}
