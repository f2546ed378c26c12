package de.participation.acceptance;

import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop leaves nothing behind, however it comes: a part that cannot start makes the stack stop
 * every part it had started and exit, naming the part; a signal to the stack's whole process
 * group, as a terminal's Ctrl-C sends it, stops every part in order, while registrations arrive,
 * and loses none that was acknowledged. After either, no process of the stack runs and none of
 * its ports is held.
 */
class LocalStackStopIT {

    private static final Duration STOP_WITHIN = Duration.ofSeconds(120);

    private final int commandPort = Ports.free();
    private final int queryPort = Ports.free();

    /**
     * The port of one part is held by another process (this test's JVM, as a broker of an earlier
     * stack held 9092): the first part, one after the infrastructure's first, and the last service.
     */
    @ParameterizedTest
    @ValueSource(strings = {"KAFKA_PORT", "EMBEDDED_POSTGRES_PORT", "QUERY_PORT"})
    void aPartWhosePortIsHeldStopsTheStackAndLeavesNothing(String heldPort) throws Exception {
        Path data = Files.createTempDirectory("local-stack-held-port-");
        int port = heldPort.equals("QUERY_PORT") ? queryPort : Ports.free();
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            LocalStackProcess stack = LocalStackProcess.launch(data, null, commandPort, queryPort,
                    Map.of(heldPort, String.valueOf(port)));

            assertThat(stack.awaitExit(Duration.ofMinutes(4))).as("exit code").isEqualTo(1);
            assertThat(stack.output()).contains("The local stack could not start",
                    "Port " + port + " for the", "is in use by process " + ProcessHandle.current().pid());
            assertThat(LocalStackProcess.processesOf(data)).isEmpty();
            assertThat(stack.portsStillHeld()).containsExactly(heldPort + " " + port + ": "
                    + Ports.describe(ProcessHandle.current()));
        }
    }

    @Test
    void fiveStopsByTheTerminalsSignalLeaveNothingRunningAndLoseNoRegistration() throws Exception {
        Path data = Files.createTempDirectory("local-stack-signal-");
        UUID meetingId = UUID.randomUUID();
        Map<String, String> settings = Map.of("RATE_LIMIT_PER_ADDRESS", "1000000");
        Queue<UUID> acknowledged = new ConcurrentLinkedQueue<>();

        for (int stop = 1; stop <= 5; stop++) {
            LocalStackProcess stack = LocalStackProcess.start(data, null, commandPort, queryPort, settings);
            assertThat(schedule(data, meetingId)).isIn(200, 201);
            Registrations registrations = Registrations.startSending(commands(data, "portal", null), meetingId, acknowledged);
            int before = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 20);

            stack.interruptItsGroup();
            int exitCode = stack.awaitExit(STOP_WITHIN);
            registrations.stop();

            assertThat(exitCode).as("exit code after Ctrl-C (stop %d, log %s)", stop, stack.log()).isEqualTo(130);
            assertThat(LocalStackProcess.processesOf(data)).as("processes left after stop %d", stop).isEmpty();
            assertThat(stack.portsStillHeld()).as("ports held after stop %d", stop).isEmpty();
            assertThat(stack.output()).as("stop %d", stop).doesNotContain("starting it again");
        }

        try (LocalStackProcess restarted = LocalStackProcess.start(data, null, commandPort, queryPort, settings)) {
            JsonHttp portal = commands(data, "portal", null);
            for (UUID registrationId : acknowledged) {
                assertThat(register(portal, meetingId, registrationId).status())
                        .as("registration %s, acknowledged before a stop, is still there", registrationId)
                        .isEqualTo(200);
            }
        }
    }

    /** Registrations sent one after another until the stack stops answering; the acknowledged ones are kept. */
    private record Registrations(Thread sender, AtomicBoolean stopped) {

        static Registrations startSending(JsonHttp portal, UUID meetingId, Queue<UUID> acknowledged) {
            AtomicBoolean stopped = new AtomicBoolean();
            Thread sender = Thread.ofPlatform().name("registrations").start(() -> {
                while (!stopped.get()) {
                    UUID registrationId = UUID.randomUUID();
                    try {
                        int status = register(portal, meetingId, registrationId).status();
                        if (status == 201) {
                            acknowledged.add(registrationId);
                        }
                    } catch (UncheckedIOException stackGone) {
                        return;
                    }
                }
            });
            return new Registrations(sender, stopped);
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            sender.join(Duration.ofSeconds(30));
            assertThat(sender.isAlive()).as("the sender ended").isFalse();
        }
    }

    private static JsonHttp.Response register(JsonHttp portal, UUID meetingId, UUID registrationId) {
        return portal.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Person %s",
                 "email": "%s@example.org"}}""".formatted(registrationId, registrationId, registrationId));
    }

    private int schedule(Path data, UUID meetingId) {
        return commands(data, "organiser", "SMWA").post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Bürgerdialog Energiewende", "location": "Chemnitz",
                 "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 100000}""".formatted(meetingId)).status();
    }

    private JsonHttp commands(Path data, String role, String organisation) {
        return new JsonHttp("http://localhost:" + commandPort)
                .withBearer(LocalIssuer.in(data.resolve("issuer")).token(role, organisation));
    }
}
