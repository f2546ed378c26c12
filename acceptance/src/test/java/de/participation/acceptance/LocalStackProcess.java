package de.participation.acceptance;

import de.participation.localstack.Ports;
import de.participation.localstack.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack in a JVM of its own, started as run-local.sh starts it: in a process group of
 * its own (as a terminal's foreground job), its temporary files under its data directory, every
 * port it uses named ({@link #ports()}).
 */
record LocalStackProcess(Process process, Path log, Map<String, Integer> ports) implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> PORT_SETTINGS = List.of("COMMAND_PORT", "QUERY_PORT", "KAFKA_PORT",
            "EMBEDDED_POSTGRES_PORT", "EMBEDDED_MONGO_PORT", "SIGN_IN_PORT");

    static LocalStackProcess start(Path data, String option, int commandPort, int queryPort) throws IOException {
        return start(data, option, commandPort, queryPort, Map.of());
    }

    /** The same, with {@code settings} added to the stack's environment (and so its services'). */
    static LocalStackProcess start(Path data, String option, int commandPort, int queryPort,
                                   Map<String, String> settings) throws IOException {
        LocalStackProcess stack = launch(data, option, commandPort, queryPort, settings);
        await().atMost(Duration.ofMinutes(4)).until(() -> {
            assertThat(stack.process.isAlive()).as("the local stack is running (see %s)", stack.log).isTrue();
            return Files.readString(stack.log).contains("Ready. Data in");
        });
        return stack;
    }

    /** Starts the stack and returns at once, ready or not. */
    static LocalStackProcess launch(Path data, String option, int commandPort, int queryPort,
                                    Map<String, String> settings) throws IOException {
        Path localStack = ROOT.resolve("local-stack");
        Path temporaryFiles = Files.createDirectories(data.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temporaryFiles,
                "-Dparticipation.root=" + ROOT,
                "-Dlogback.configurationFile=" + localStack.resolve("src/main/resources/local-stack-logback.xml"),
                "-cp", localStack.resolve("target/classes") + ":" + localStack.resolve("target/lib/*"),
                "de.participation.localstack.LocalStack"));
        if (option != null) {
            command.add(option);
        }
        ProcessBuilder builder = new ProcessBuilder(ServiceProcess.inSessionOfItsOwn(command));
        Path log = Files.createTempFile("local-stack-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = new HashMap<>(Map.of("DATA_DIR", data.toString(),
                "COMMAND_PORT", String.valueOf(commandPort), "QUERY_PORT", String.valueOf(queryPort)));
        PORT_SETTINGS.forEach(setting -> environment.putIfAbsent(setting, String.valueOf(Ports.free())));
        environment.putAll(settings);
        List.of("KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL", "MONGODB_URI").forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        Map<String, Integer> ports = new HashMap<>();
        PORT_SETTINGS.forEach(setting -> ports.put(setting, Integer.parseInt(environment.get(setting))));
        return new LocalStackProcess(builder.start(), log, Map.copyOf(ports));
    }

    /**
     * Sends SIGINT to the stack's whole process group, as a terminal's Ctrl-C does (its group is its
     * own: it was started in a session of its own, whose id is its pid).
     */
    void interruptItsGroup() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -INT to the stack's process group").isZero();
    }

    /** Waits for the stack to end by itself; its exit code. */
    int awaitExit(Duration within) throws InterruptedException {
        assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
                .as("the local stack ended within %s (see %s)", within, log).isTrue();
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /**
     * The processes of the stack on {@code data} that are still running: each names the data
     * directory in its command line (the broker its log, PostgreSQL its files, every JVM its
     * temporary directory).
     */
    static List<String> processesOf(Path data) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(data.toString()))
                .map(Ports::describe).toList();
    }

    /** The ports of the stack that a process still listens on, each with that process. */
    List<String> portsStillHeld() {
        return ports.entrySet().stream()
                .flatMap(port -> Ports.holderOf(port.getValue()).stream()
                        .map(holder -> port.getKey() + " " + port.getValue() + ": " + Ports.describe(holder)))
                .toList();
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
