package de.participation.acceptance;

import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack heals by itself: any of its processes (the broker, PostgreSQL, the MongoDB
 * stand-in, the two services) killed with -9 is started again and the system works again; the stack itself killed with -9 leaves nothing running, and the next start
 * on the same data directory comes up with every datum.
 */
class LocalStackSupervisionIT {

    private final int commandPort = Ports.free();
    private final int queryPort = Ports.free();

    @Test
    void killedPartsComeBackAndAKilledStackLeavesNothingRunning() throws Exception {
        Path data = Files.createTempDirectory("local-stack-supervision-");
        UUID meetingId = UUID.randomUUID();
        LocalStackProcess stack = LocalStackProcess.start(data, null, commandPort, queryPort);
        try {
            List<Long> children = children(data);
            assertThat(children).hasSize(5);
            assertThat(schedule(data, meetingId)).isEqualTo(201);

            for (long child : children) {
                ProcessHandle killed = ProcessHandle.of(child).orElseThrow();
                killed.destroyForcibly();
                killed.onExit().join();
                await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                        .until(() -> schedule(data, meetingId) == 200 && !children(data).contains(child));
            }

            List<Long> running = children(data);
            stack.process().destroyForcibly().onExit().join();
            await().atMost(Duration.ofSeconds(60)).until(() -> running.stream()
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        } finally {
            stack.process().destroyForcibly();
        }

        try (LocalStackProcess restarted = LocalStackProcess.start(data, null, commandPort, queryPort)) {
            assertThat(schedule(data, meetingId)).isEqualTo(200);
        }
    }

    /** Schedules the same meeting: 201 the first time, 200 (already there, same details) after. */
    private int schedule(Path data, UUID meetingId) {
        return new JsonHttp("http://localhost:" + commandPort)
                .withBearer(LocalIssuer.in(data.resolve("issuer")).token("organiser", "SMWA"))
                .post("/api/v1/meetings", """
                        {"meetingId": "%s", "title": "Regionen-Workshop", "location": "Meißen",
                         "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 5}""".formatted(meetingId)).status();
    }

    /** The processes the stack keeps running, as its supervisor lists them for the watchdog. */
    private static List<Long> children(Path data) throws IOException {
        return Files.readAllLines(data.resolve("run/children.pids")).stream()
                .map(line -> Long.parseLong(line.split(" ")[0])).toList();
    }
}
