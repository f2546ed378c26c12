package de.participation.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps the processes of the local stack running: one that died (killed, crashed) is started again,
 * with a log line. Their process ids are kept in a file ({@code <pid> <name>} a line), which a
 * watchdog process reads when the
 * stack itself is gone ({@code kill -9}): then it ends them too, so a killed stack leaves nothing
 * running. A new stack ends what such a file still names before it starts anything. Once closed it
 * restarts nothing, and a restart under way is ended first: a stop must never race with it.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    private static final Duration RESTART_ENDS_WITHIN = Duration.ofSeconds(60);

    /** A process the stack keeps running. */
    record Part(String name, BooleanSupplier alive, Runnable restart, Supplier<OptionalLong> pid) {

        static Part of(ServiceProcess process) {
            return new Part(process.name(), process::isAlive, process::restart, () -> OptionalLong.of(process.pid()));
        }
    }

    private final Path pidFile;
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-stack-supervisor").daemon().factory());
    /** Each restart on a thread of its own: a part slow to come back must not keep the others down. */
    private final ExecutorService restarts = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("local-stack-restart-", 0).daemon().factory());
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Ends what an earlier stack on the same data left running, and watches over this one. */
    static Supervisor over(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("run/children.pids");
        endLeftovers(pidFile);
        return new Supervisor(pidFile);
    }

    private final Optional<Process> watchdog;

    private Supervisor(Path pidFile) {
        this.pidFile = pidFile;
        this.watchdog = startWatchdog();
    }

    void watch(Part part) {
        parts.add(part);
        writePids();
    }

    void start() {
        checks.scheduleWithFixedDelay(this::keepRunning, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void keepRunning() {
        for (Part part : parts) {
            if (!closed && !part.alive().getAsBoolean() && restarting.add(part.name())) {
                restarts.execute(() -> restart(part));
            }
        }
    }

    private void restart(Part part) {
        if (closed) {
            return;
        }
        log.warn("{} is not running; starting it again", part.name());
        try {
            part.restart().run();
            log.info("{} is running again", part.name());
        } catch (RunningParts.Stopping stopping) {
            log.info("{} is not started again: the stack is stopping", part.name());
        } catch (RuntimeException failure) {
            log.error("{} could not be started again; trying once more shortly", part.name(), failure);
        } finally {
            writePids();
            restarting.remove(part.name());
        }
    }

    private synchronized void writePids() {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, parts.stream()
                    .filter(part -> part.pid().get().isPresent())
                    .map(part -> part.pid().get().getAsLong() + " " + part.name())
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A shell that waits for this JVM to end and then ends every process in the pid file. On a
     * normal stop the file is gone by then, and the watchdog ends nothing.
     */
    private Optional<Process> startWatchdog() {
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
                + "[ -f '" + pidFile + "' ] && kill $(cut -d' ' -f1 '" + pidFile + "') 2>/dev/null; exit 0";
        try {
            // In a session of its own, so that the terminal's Ctrl-C, which ends the stack in order, spares it.
            return Optional.of(new ProcessBuilder(ServiceProcess.inSessionOfItsOwn(List.of("sh", "-c", script)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            log.warn("No watchdog: if this stack is killed, its processes keep running ({})", e.toString());
            return Optional.empty();
        }
    }

    private static void endLeftovers(Path pidFile) {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(pidFile)) {
                String pid = line.split(" ")[0];
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).ifPresent(leftover -> {
                        log.warn("Stopping process {} left running by an earlier run", leftover.pid());
                        leftover.destroy();
                        leftover.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(late -> {
                            leftover.destroyForcibly();
                            return leftover;
                        }).join();
                    });
                }
            }
            Files.delete(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops watching (the stack is stopping its parts itself) and forgets the pids; a restart under
     * way is interrupted and waited for, so that nothing is started after this returns.
     */
    @Override
    public void close() {
        closed = true;
        checks.shutdownNow();
        restarts.shutdownNow();
        try {
            if (!restarts.awaitTermination(RESTART_ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("A restart did not end within {}; the stop goes on", RESTART_ENDS_WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", pidFile, e.toString());
        }
        // The stack stops its parts itself: the watchdog has nothing left to do, and leaves with it.
        watchdog.ifPresent(Process::destroy);
    }
}
