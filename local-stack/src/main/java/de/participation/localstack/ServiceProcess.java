package de.participation.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A process of the system in a JVM of its own: a service from its built jar, exactly as an operator
 * runs it (ready once its health endpoint answers), or a part of the local infrastructure (ready
 * once its port accepts connections). Either is ready only once the port is held by this very
 * process: a port that another process holds is refused before the start, so that nobody mistakes
 * a stranger's server for ours. Each runs in a session (and so a process group) of its own, so that
 * a Ctrl-C in the terminal reaches only the stack, which stops its parts in order; it writes its
 * temporary files where this JVM writes its own ({@code java.io.tmpdir}). Stopped with SIGTERM
 * (graceful) or killed (a crash), and started again as first started.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * The services' stated heaps, the same as in docker-compose.yml. The command service keeps up
     * to a thousand meetings with their registrations in memory; the query service keeps little
     * beyond a batch of events, and docs/benchmarks.md shows a rebuild within its heap.
     */
    private static final Map<String, String> HEAP = Map.of("command-service", "1g", "query-service", "512m");
    /**
     * The parts' logging, a resource of this module: without it Logback logs at DEBUG, and the
     * MongoDB stand-in wrote every wire message into its log (a quarter of a gigabyte for 100 000
     * events, and 40 % of its CPU).
     */
    private static final String PARTS_LOGGING = "local-stack-logback.xml";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final ProcessBuilder builder;
    private final Duration startupTimeout;
    private final int port;
    private final boolean httpService;
    private final Path log;
    private volatile Process process;
    private volatile boolean closed;

    private ServiceProcess(String name, ProcessBuilder builder, Duration startupTimeout, int port, boolean httpService,
                           Path log) {
        this.name = name;
        this.builder = builder;
        this.startupTimeout = startupTimeout;
        this.port = port;
        this.httpService = httpService;
        this.log = log;
    }

    /**
     * Starts {@code jar} on {@code port} with {@code environment} added to this process's own, its
     * output going to {@code log} (or inherited when null), and waits until it is healthy; stops it
     * again if it does not become so.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, Path log,
                                       Duration startupTimeout) {
        return readyOrStopped(launch(name, jar, port, environment, log, startupTimeout));
    }

    /** The same as {@link #start}, but returns at once: the caller keeps it, then {@link #awaitReady()}. */
    public static ServiceProcess launch(String name, Path jar, int port, Map<String, String> environment, Path log,
                                        Duration startupTimeout) {
        List<String> command = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xss512k",
                "-Xmx" + Objects.requireNonNull(HEAP.get(name), "no heap stated for " + name),
                "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
        return launch(name, command, environment, log, startupTimeout, port, true);
    }

    /**
     * Starts {@code mainClass} of this JVM's class path with {@code arguments} in a JVM of its own
     * with {@code jvmOptions}, ready once it accepts connections on {@code port}; returns at once
     * (see {@link #awaitReady()}).
     */
    public static ServiceProcess launchMain(String name, Class<?> mainClass, List<String> jvmOptions,
                                            List<String> arguments, int port, Path log, Duration startupTimeout) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.addAll(List.of("-Dlogback.configurationFile=" + PARTS_LOGGING,
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        return launch(name, command, Map.of(), log, startupTimeout, port, false);
    }

    private static ServiceProcess launch(String name, List<String> javaArguments, Map<String, String> environment,
                                         Path log, Duration startupTimeout, int port, boolean httpService) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(inSessionOfItsOwn(command));
        builder.environment().putAll(environment);
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        ServiceProcess service = new ServiceProcess(name, builder, startupTimeout, port, httpService, log);
        service.spawn();
        return service;
    }

    private static ServiceProcess readyOrStopped(ServiceProcess service) {
        try {
            service.awaitReady();
            return service;
        } catch (RuntimeException | Error failure) {
            service.close();
            throw failure;
        }
    }

    /** Waits until the process is healthy and holds its port; fails naming the process and its log. */
    public void awaitReady() {
        awaitHealthy(startupTimeout);
    }

    /** Starts the service (again), as first started, and waits until it is healthy. */
    public synchronized void restart() {
        spawn();
        awaitReady();
    }

    private synchronized void spawn() {
        Ports.requireFree(port, name);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the " + name, e);
        }
        if (closed) {
            // closed while this start was under way: the stop must not miss the new process
            stopProcess();
            throw new RunningParts.Stopping();
        }
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
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
        return statusKilobytes("VmRSS:");
    }

    /** The most resident memory the process has had, in kilobytes (-1 if unknown). */
    public long peakResidentKilobytes() {
        return statusKilobytes("VmHWM:");
    }

    /** The heap the process was started with (see {@link #HEAP}). */
    public String heap() {
        return builder.command().stream().filter(option -> option.startsWith("-Xmx")).findFirst().orElse("not stated");
    }

    private long statusKilobytes(String field) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith(field))
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

    /** Graceful stop (SIGTERM), as on Ctrl-C or a container stop; it is not started again after. */
    @Override
    public void close() {
        closed = true;
        stopProcess();
    }

    private void stopProcess() {
        Process process = this.process;
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
                throw new IllegalStateException("The " + name + " exited during start-up with code "
                        + process.exitValue() + seeLog());
            }
            if (healthy() && Ports.heldBy(port, process.toHandle())) {
                return;
            }
            pauseWhileStarting();
        }
        stopProcess();
        throw new IllegalStateException("The " + name + " did not become healthy within " + timeout + seeLog());
    }

    private String seeLog() {
        return log == null ? "" : " (its log: " + log + ")";
    }

    /** An HTTP service answers its health check (UP, or DEGRADED while Kafka is away); another, its port. */
    private boolean healthy() {
        if (!httpService) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A quarter of a second between two looks; an interrupt means the stack stops, and ends the wait. */
    private void pauseWhileStarting() {
        try {
            process.waitFor(250, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunningParts.Stopping();
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

    /**
     * {@code command} in a session (and process group) of its own, so that a signal to the stack's
     * group, as a terminal's Ctrl-C sends it, reaches only the stack. {@code setsid} does it without
     * a fork (our child is no group leader), so the pid stays the one we see; where there is no
     * {@code setsid}, the process shares our group.
     */
    public static List<String> inSessionOfItsOwn(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> inSession = new ArrayList<>(List.of(SETSID.toString()));
        inSession.addAll(command);
        return inSession;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
