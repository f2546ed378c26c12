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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code run-local.sh} as a developer uses it: the local stack starts the infrastructure and both
 * services on a data directory, and a stop and a start keep every datum. The data directory keeps
 * the layout the services used when they still started their databases themselves, so that a
 * directory from that version starts with its data.
 */
class LocalStackRestartIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
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
        try (StackProcess stack = StackProcess.start(data, "--demo", commandPort, queryPort)) {
            meetingId = UUID.fromString(meetings().get(0).path("meetingId").asText());
            registered = register(meetingId, registrationId);
            assertThat(registered.status()).isEqualTo(201);
            long sequence = registered.body().path("sequence").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> queries()
                    .get("/api/v1/meetings/" + meetingId + "?minSequence=" + sequence).status() == 200);
            meetingsBefore = summaries();
        }
        assertThat(data.resolve("postgres/PG_VERSION")).exists();
        assertThat(data.resolve("mongo/read-models.mv")).exists();
        assertThat(data.resolve("kafka")).isDirectory();

        try (StackProcess restarted = StackProcess.start(data, null, commandPort, queryPort)) {
            assertThat(summaries()).isEqualTo(meetingsBefore);
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

    /** The local stack in a JVM of its own, started as run-local.sh starts it. */
    private record StackProcess(Process process) implements AutoCloseable {

        static StackProcess start(Path data, String option, int commandPort, int queryPort) throws IOException {
            Path localStack = ROOT.resolve("local-stack");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dparticipation.root=" + ROOT,
                    "-Dlogback.configurationFile=" + localStack.resolve("src/main/resources/local-stack-logback.xml"),
                    "-cp", localStack.resolve("target/classes") + ":" + localStack.resolve("target/lib/*"),
                    "de.participation.localstack.LocalStack");
            if (option != null) {
                builder.command().add(option);
            }
            Path log = Files.createTempFile("local-stack-", ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("DATA_DIR", data.toString(),
                    "COMMAND_PORT", String.valueOf(commandPort), "QUERY_PORT", String.valueOf(queryPort),
                    "KAFKA_PORT", String.valueOf(Ports.free()), "SIGN_IN_PORT", String.valueOf(Ports.free())));
            List.of("KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL", "MONGODB_URI").forEach(builder.environment()::remove);
            StackProcess stack = new StackProcess(builder.start());
            await().atMost(Duration.ofMinutes(4)).until(() -> {
                assertThat(stack.process.isAlive()).as("the local stack is running (see %s)", log).isTrue();
                return Files.readString(log).contains("Ready. Data in");
            });
            return stack;
        }

        /** Stops it as Ctrl-C does, and waits until everything it started has stopped. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The local stack did not stop within 90 s");
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
