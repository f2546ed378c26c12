package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code run-local.sh} as a developer uses it: the local stack starts the infrastructure and both
 * services on a data directory, and a stop and a start keep every datum: the events in PostgreSQL
 * and on Kafka are kept, and the read models, which the MongoDB stand-in holds in memory, are
 * projected from the history again. The data directory keeps the layout the services used when
 * they still started their databases themselves, so that a directory from that version starts with
 * its data.
 */
class LocalStackRestartIT {

    private static final String ORGANISATION = "SMWA";

    private final Path data = temporaryDirectory();
    private final int commandPort = Ports.free();
    private final int queryPort = Ports.free();

    @Test
    void aRestartKeepsMeetingsRegistrationsAndReadModels() throws Exception {
        Map<String, String> meetingsBefore;
        UUID meetingId;
        UUID registrationId = UUID.randomUUID();
        Response registered;
        try (LocalStackProcess stack = LocalStackProcess.start(data, "--demo", commandPort, queryPort)) {
            meetingId = UUID.fromString(meetings().get(0).path("meetingId").asText());
            registered = register(meetingId, registrationId);
            assertThat(registered.status()).isEqualTo(201);
            long sequence = registered.body().path("sequence").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> queries()
                    .get("/api/v1/meetings/" + meetingId + "?minSequence=" + sequence).status() == 200);
            meetingsBefore = summaries();
        }
        assertThat(data.resolve("postgres/PG_VERSION")).exists();
        assertThat(data.resolve("kafka")).isDirectory();

        try (LocalStackProcess restarted = LocalStackProcess.start(data, null, commandPort, queryPort)) {
            // the stand-in starts empty: the query service projects the history into it again
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> summaries().equals(meetingsBefore));
            Response retried = register(meetingId, registrationId);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body().path("sequence")).isEqualTo(registered.body().path("sequence"));
        }
    }

    private Response register(UUID meetingId, UUID registrationId) {
        return new JsonHttp("http://localhost:" + commandPort).withBearer(issuer().token("portal", null))
                .post("/api/v1/meetings/" + meetingId + "/registrations", """
                        {"registrationId": "%s", "participant": {"name": "Erika Neustart",
                         "email": "erika.neustart@example.org"}}""".formatted(registrationId));
    }

    private List<JsonNode> meetings() {
        Response answer = queries().get("/api/v1/meetings");
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> meetings = new ArrayList<>();
        answer.body().forEach(meetings::add);
        assertThat(meetings).isNotEmpty();
        return meetings;
    }

    /** Each meeting's counts and sequence, as the read side serves them. */
    private Map<String, String> summaries() {
        Map<String, String> summaries = new TreeMap<>();
        for (JsonNode meeting : meetings()) {
            summaries.put(meeting.path("meetingId").asText(), "confirmed " + meeting.path("confirmed")
                    + ", waitlisted " + meeting.path("waitlisted") + ", sequence " + meeting.path("sequence"));
        }
        return summaries;
    }

    private JsonHttp queries() {
        return new JsonHttp("http://localhost:" + queryPort).withBearer(issuer().token("organiser", ORGANISATION));
    }

    private LocalIssuer issuer() {
        return LocalIssuer.in(data.resolve("issuer"));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
