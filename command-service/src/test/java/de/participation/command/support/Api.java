package de.participation.command.support;

import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;

import java.util.UUID;

/** The command API as the portal and organisers call it, over real HTTP. */
public final class Api {

    private final JsonHttp http;

    public Api(int port) {
        this.http = new JsonHttp(port);
    }

    public Response post(String path, String json, String... headers) {
        return http.post(path, json, headers);
    }

    public Response put(String path, String json, String... headers) {
        return http.put(path, json, headers);
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
}
