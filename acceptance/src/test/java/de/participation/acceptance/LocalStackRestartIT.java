package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.localstack.DemoData;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code run-local.sh} as a developer uses it: the local stack starts the infrastructure and both
 * services on a data directory, and a stop and a start keep every datum: the events in PostgreSQL
 * and on Kafka are kept, and the read models, which the MongoDB stand-in holds in memory, are
 * projected from the history again. While they are, reads never lie: from the moment the query
 * service's port opens, polled every 20 ms, they answer either the data exactly as before the
 * restart or 503 READ_MODELS_CATCHING_UP, never a 404, a short list or a low count. The data
 * directory keeps the layout the services used when they still started their databases
 * themselves, so that a directory from that version starts with its data. Run with the services'
 * logs as JSON (LOG_FORMAT=ecs, as an operator sets it), no log line of the stack shows a name or an
 * email address of the story's participants, the demo participants' included.
 */
class LocalStackRestartIT {

    private static final String ORGANISATION = "SMWA";
    private static final int REGISTRATIONS = 300;
    /** Rounds of reads, all exact, after the first exact one: the answers stay right. */
    private static final int ROUNDS_AFTER_COMPLETE = 50;

    private final Path data = temporaryDirectory();
    private final int commandPort = Ports.free();
    private final int queryPort = Ports.free();
    private final Map<String, String> settings = Map.of("RATE_LIMIT_PER_ADDRESS", "1000000", "LOG_FORMAT", "ecs");

    @Test
    void aRestartKeepsEveryDatumAndReadsNeverLieWhileTheReadModelsAreRebuilt() throws Exception {
        UUID meetingId = UUID.randomUUID();
        UUID registrationId = UUID.randomUUID();
        Response registered;
        Map<String, String> before;
        try (LocalStackProcess stack = LocalStackProcess.start(data, "--demo", commandPort, queryPort, settings)) {
            assertThat(commands("organiser", ORGANISATION).post("/api/v1/meetings", """
                    {"meetingId": "%s", "title": "Bürgerdialog Neustart", "location": "Zwickau",
                     "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 100}""".formatted(meetingId)).status())
                    .isEqualTo(201);
            for (int registration = 1; registration < REGISTRATIONS; registration++) {
                assertThat(register(meetingId, UUID.randomUUID()).status()).isEqualTo(201);
            }
            registered = register(meetingId, registrationId); // the last: a retry answers with its sequence
            assertThat(registered.status()).isEqualTo(201);
            long last = REGISTRATIONS; // the meeting's events: scheduled (0), then one per registration
            await().atMost(Duration.ofSeconds(30)).until(() -> queries()
                    .get("/api/v1/meetings/" + meetingId + "?minSequence=" + last).status() == 200);
            before = reads(meetingId);
        }
        assertThat(data.resolve("postgres/PG_VERSION")).exists();
        assertThat(data.resolve("kafka")).isDirectory();
        assertThat(before.get("meeting")).contains("confirmed 100, waitlisted 200");

        LocalStackProcess restarted = LocalStackProcess.launch(data, null, commandPort, queryPort, settings);
        try (restarted) {
            ReadsDuringRestart reads = new ReadsDuringRestart(before);
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(restarted.process().isAlive()).as("the stack runs (see %s)", restarted.log()).isTrue();
                return reads.readOnce(meetingId);
            });
            assertThat(reads.wrong).as("answers that were neither exact nor 503 READ_MODELS_CATCHING_UP "
                    + "(%d answered, %d catching up)", reads.answered, reads.catchingUp).isEmpty();

            Response retried = register(meetingId, registrationId);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body().path("sequence")).isEqualTo(registered.body().path("sequence"));
        }
        assertServiceLogsAreJson();
        assertNoLogLineShows(Stream.concat(DemoData.participantNamesAndEmails().stream(),
                Stream.of("Erika Neustart", "@example.org")).toList());
    }

    /** The setting chose Spring Boot's ECS format: a service's start is logged as a JSON object. */
    private void assertServiceLogsAreJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String service : List.of("command-service", "query-service")) {
            String started = Files.readAllLines(data.resolve("logs/" + service + ".log")).stream()
                    .filter(line -> line.contains("Started ") && line.contains("Application")).findFirst().orElseThrow();
            JsonNode line = json.readTree(started);
            assertThat(line.path("@timestamp").isTextual()).as(started).isTrue();
            assertThat(line.path("message").asText()).as(started).startsWith("Started ");
        }
    }

    /** Neither the services' logs nor the infrastructure's show any of {@code personalData}. */
    private void assertNoLogLineShows(List<String> personalData) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            // decoded leniently: a part's log may hold bytes that are not UTF-8
            assertThat(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines())
                    .as("lines of %s with personal data", log)
                    .filteredOn(line -> personalData.stream().anyMatch(line::contains)).isEmpty();
        }
    }

    /** What the reads answer while the stack comes back, against what they answered before. */
    private final class ReadsDuringRestart {

        private final Map<String, String> expected;
        private final List<String> wrong = new ArrayList<>();
        private int answered;
        private int catchingUp;
        private int exactRounds;

        ReadsDuringRestart(Map<String, String> expected) {
            this.expected = expected;
        }

        /** One round of reads; true once enough exact rounds followed the first. */
        boolean readOnce(UUID meetingId) {
            Map<String, Response> answers = new TreeMap<>();
            try {
                answers.putAll(answers(meetingId));
            } catch (UncheckedIOException notListeningYet) {
                return false;
            }
            boolean exact = true;
            for (Map.Entry<String, Response> answer : answers.entrySet()) {
                answered++;
                Response response = answer.getValue();
                if (response.status() == 503 && response.body().path("code").asText().equals("READ_MODELS_CATCHING_UP")
                        && response.raw().headers().firstValue("Retry-After").isPresent()) {
                    catchingUp++;
                    exact = false;
                } else if (response.status() != 200 || !expected.get(answer.getKey()).equals(summary(answer.getKey(), response))) {
                    wrong.add(answer.getKey() + ": " + response.status() + " " + response.body());
                    exact = false;
                }
            }
            if (exact) {
                exactRounds++;
            } else if (exactRounds > 0) {
                wrong.add("a round after the data was complete was not exact");
            }
            return exactRounds > ROUNDS_AFTER_COMPLETE;
        }
    }

    /** The reads a user of the read API makes, each as it answered before the restart. */
    private Map<String, String> reads(UUID meetingId) {
        Map<String, String> summaries = new TreeMap<>();
        answers(meetingId).forEach((read, response) -> {
            assertThat(response.status()).as(read).isEqualTo(200);
            summaries.put(read, summary(read, response));
        });
        return summaries;
    }

    private Map<String, Response> answers(UUID meetingId) {
        String meeting = "/api/v1/meetings/" + meetingId;
        return Map.of("meetings", queries().get("/api/v1/meetings?limit=200"),
                "meeting", queries().get(meeting),
                "registrations", queries().get(meeting + "/registrations?limit=1"),
                "waiting list", queries().get(meeting + "/waiting-list?limit=1"));
    }

    /** What must not change: counts and sequences, and how many items a list has. */
    private static String summary(String read, Response response) {
        return switch (read) {
            case "meetings" -> {
                Map<String, String> meetings = new TreeMap<>();
                response.body().forEach(meeting -> meetings.put(meeting.path("meetingId").asText(), counts(meeting)));
                yield meetings.toString();
            }
            case "meeting" -> counts(response.body());
            default -> "total " + response.raw().headers().firstValue("X-Total-Count").orElse("none");
        };
    }

    private static String counts(JsonNode meeting) {
        return "confirmed " + meeting.path("confirmed") + ", waitlisted " + meeting.path("waitlisted")
                + ", sequence " + meeting.path("sequence");
    }

    private Response register(UUID meetingId, UUID registrationId) {
        return commands("portal", null).post("/api/v1/meetings/" + meetingId + "/registrations", """
                        {"registrationId": "%s", "participant": {"name": "Erika Neustart",
                         "email": "%s@example.org"}}""".formatted(registrationId, registrationId));
    }

    private JsonHttp commands(String role, String organisation) {
        return new JsonHttp("http://localhost:" + commandPort).withBearer(issuer().token(role, organisation));
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
