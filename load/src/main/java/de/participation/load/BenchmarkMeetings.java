package de.participation.load;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.ServiceProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The meetings a benchmark registers for: schedules them at the command service and checks
 * afterwards, at the query service, that the read model equals what the commands answered.
 */
final class BenchmarkMeetings {

    static final String ORGANISATION = "BENCHMARK";

    private final JsonHttp organiser;
    private final JsonHttp reader;

    BenchmarkMeetings(ServiceProcess command, ServiceProcess query, LocalIssuer issuer) {
        this.organiser = new JsonHttp(command.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));
        this.reader = new JsonHttp(query.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));
    }

    /**
     * The read model must equal the answers: as many registrations as were created, confirmed up
     * to the capacity, and (on one meeting) the waiting list numbered 1..n without a gap. Gives back
     * the line that says what was checked.
     */
    String verify(String name, List<String> meetings, long created, int inFlightAtTheEnd) {
        awaitProjected(meetings, created);
        long registered = 0;
        for (String meeting : meetings) {
            JsonNode summary = settledSummary(meeting);
            int confirmed = summary.path("confirmed").asInt();
            int waitlisted = summary.path("waitlisted").asInt();
            if (confirmed > summary.path("capacity").asInt() || (waitlisted > 0 && summary.path("available").asInt() > 0)) {
                throw new IllegalStateException(name + ": read model breaks the rules: " + summary);
            }
            registered += confirmed + waitlisted;
            if (meetings.size() == 1) {
                verifyWaitingListPositions(name, meeting, waitlisted);
            }
        }
        // wrk stops at the end of its time with a request open on each connection, whose answer it
        // does not read: those registrations are stored but not counted as answered.
        if (created >= 0 && (registered < created || registered > created + inFlightAtTheEnd)) {
            throw new IllegalStateException(name + ": " + created + " registrations answered 201 (and at most "
                    + inFlightAtTheEnd + " open at the end), read model shows " + registered);
        }
        return "  checked: the read model shows %d registrations%s".formatted(registered,
                created >= 0 ? ", %d answered 201 and %d open when the client stopped"
                        .formatted(created, registered - created) : "");
    }

    /** Waits until the read side shows at least {@code created} registrations (the answered ones). */
    private void awaitProjected(List<String> meetings, long created) {
        for (int attempt = 0; attempt < 240; attempt++) {
            long shown = meetings.stream().map(meeting -> reader.get("/api/v1/meetings/" + meeting).body())
                    .mapToLong(summary -> summary.path("confirmed").asLong() + summary.path("waitlisted").asLong())
                    .sum();
            if (shown >= created) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** The summary once the read side stopped changing (the last events are projected). */
    private JsonNode settledSummary(String meeting) {
        JsonNode previous = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode summary = reader.get("/api/v1/meetings/" + meeting).body();
            if (summary.equals(previous)) {
                return summary;
            }
            previous = summary;
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("The read model of " + meeting + " does not settle");
    }

    private void verifyWaitingListPositions(String name, String meeting, int waitlisted) {
        int expected = 1;
        for (int offset = 0; offset < waitlisted; offset += 200) {
            JsonHttp.Response page = reader.get("/api/v1/meetings/" + meeting + "/waiting-list?limit=200&offset=" + offset);
            if (page.status() != 200) {
                throw new IllegalStateException(name + ": cannot read the waiting list: " + page.body());
            }
            for (JsonNode entry : page.body()) {
                if (entry.path("waitingListPosition").asInt() != expected++) {
                    throw new IllegalStateException(name + ": waiting list has a gap before " + entry);
                }
            }
        }
        if (expected - 1 != waitlisted) {
            throw new IllegalStateException(name + ": waiting list holds " + (expected - 1) + ", summary says " + waitlisted);
        }
    }

    /** Schedules {@code count} meetings of {@code capacity} seats at the command service. */
    List<String> schedule(int count, int capacity) {
        List<String> meetings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID meetingId = UUID.randomUUID();
            JsonHttp.Response scheduled = organiser.post("/api/v1/meetings", """
                    {"meetingId": "%s", "title": "Benchmark %d", "location": "Leipzig",
                     "startsAt": "2099-06-27T09:00:00+02:00", "capacity": %d}""".formatted(meetingId, i, capacity));
            if (scheduled.status() != 201) {
                throw new IllegalStateException("Cannot schedule: " + scheduled.body());
            }
            meetings.add(meetingId.toString());
        }
        return meetings;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
