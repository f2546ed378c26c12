package de.participation.acceptance;

import de.participation.localstack.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local stack in a JVM of its own, started as run-local.sh starts it. */
record LocalStackProcess(Process process) implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static LocalStackProcess start(Path data, String option, int commandPort, int queryPort) throws IOException {
        return start(data, option, commandPort, queryPort, Map.of());
    }

    /** The same, with {@code settings} added to the stack's environment (and so its services'). */
    static LocalStackProcess start(Path data, String option, int commandPort, int queryPort,
                                   Map<String, String> settings) throws IOException {
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
        builder.environment().putAll(settings);
        LocalStackProcess stack = new LocalStackProcess(builder.start());
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
