package de.participation.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the services running as its own JVM from its built jar, exactly as an operator runs it.
 * Ready once its health endpoint answers UP; stopped with SIGTERM (graceful) or killed (a crash).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final ProcessBuilder builder;
    private final Duration startupTimeout;
    private final int port;
    private Process process;

    private ServiceProcess(String name, ProcessBuilder builder, Duration startupTimeout, int port) {
        this.name = name;
        this.builder = builder;
        this.startupTimeout = startupTimeout;
        this.port = port;
    }

    /**
     * Starts {@code jar} on {@code port} with {@code environment} added to this process's own, its
     * output going to {@code log} (or inherited when null), and waits until it is healthy.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, Path log,
                                       Duration startupTimeout) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-Xss512k",
                "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        ServiceProcess service = new ServiceProcess(name, builder, startupTimeout, port);
        service.restart();
        return service;
    }

    /** Starts the service (again), as first started, and waits until it is healthy. */
    public synchronized void restart() {
        try {
            process = builder.start();
            awaitHealthy(startupTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public synchronized boolean isAlive() {
        return process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** The executable jar that {@code ./mvnw package} built for {@code module} under {@code root}. */
    public static Path jar(Path root, String module) {
        try (var files = Files.list(root.resolve(module).resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Build " + module + " first (./mvnw package)"));
        } catch (IOException e) {
            throw new UncheckedIOException("Build " + module + " first (./mvnw package)", e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Resident memory of the service's JVM in KiB, as the kernel reports it (VmRSS). */
    public long residentKilobytes() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Simulates a crash: no shutdown hooks, no flushing, no offset commits. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** Graceful stop (SIGTERM), as on Ctrl-C or a container stop. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitForExit(Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitForExit(Duration.ofSeconds(10));
            }
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up with code " + process.exitValue());
            }
            if (healthy()) {
                return;
            }
            waitForExit(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException(name + " did not become healthy within " + timeout);
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
