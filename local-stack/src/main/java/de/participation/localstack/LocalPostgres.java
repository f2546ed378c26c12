package de.participation.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server from the zonky binaries, for the developer's stack and the tests: no
 * installed database needed. Its files live in a directory of our choosing and survive restarts.
 * The services never start it themselves; they are told its URL like any other server's.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final Path dataDirectory;
    private final boolean fsync;
    private final boolean stopsWithThisJvm;
    private EmbeddedPostgres server;

    private LocalPostgres(Path dataDirectory, boolean fsync, boolean stopsWithThisJvm) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.fsync = fsync;
        this.stopsWithThisJvm = stopsWithThisJvm;
    }

    /**
     * Starts a server with its files in {@code dataDirectory} (initialised on first use), which
     * stops when this JVM ends, as a test's server should. The binaries are extracted once under
     * {@code java.io.tmpdir}.
     *
     * @param port  0 for any free port
     * @param fsync on keeps PostgreSQL's default, so that an acknowledged event survives a crash of
     *              the machine (ARCHITECTURE.md, trap 7); tests switch it off for speed
     */
    public static LocalPostgres start(Path dataDirectory, int port, boolean fsync) {
        return started(new LocalPostgres(dataDirectory, fsync, true), port);
    }

    /**
     * A server with fsync on that its owner stops ({@link #close()}), in the order the owner
     * chooses: after the services that use it, not at the same time as them when the JVM ends.
     */
    static LocalPostgres startStoppedByOwner(Path dataDirectory, int port) {
        return started(new LocalPostgres(dataDirectory, true, false), port);
    }

    private static LocalPostgres started(LocalPostgres postgres, int port) {
        postgres.server = postgres.startServer(port);
        return postgres;
    }

    private EmbeddedPostgres startServer(int port) {
        Ports.requireFree(port, "PostgreSQL server");
        try {
            Files.createDirectories(dataDirectory);
            endLeftover(dataDirectory);
            EmbeddedPostgres started = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(stopsWithThisJvm)
                    .setPort(port)
                    .setServerConfig("fsync", fsync ? "on" : "off")
                    .setServerConfig("synchronous_commit", fsync ? "on" : "off")
                    .start();
            requireOwnDataDirectory(started);
            log.info("PostgreSQL on port {} with data in {} (fsync {})", started.getPort(), dataDirectory,
                    fsync ? "on" : "off");
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The server behind the port must be the one on our data directory, not another one that holds it. */
    private void requireOwnDataDirectory(EmbeddedPostgres started) throws IOException {
        try (Connection connection = started.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             var answer = statement.executeQuery("show data_directory")) {
            answer.next();
            Path served = Path.of(answer.getString(1)).toRealPath();
            if (!served.equals(dataDirectory.toRealPath())) {
                started.close();
                throw new IllegalStateException("The PostgreSQL server on port " + started.getPort()
                        + " serves " + served + ", not " + dataDirectory);
            }
        } catch (SQLException e) {
            started.close();
            throw new IllegalStateException("Cannot ask the PostgreSQL server on port " + started.getPort()
                    + " for its data directory", e);
        }
    }

    /**
     * A server left running on this data directory by a stack that was killed (its lock file names
     * a live process) is stopped first: otherwise the new one could not start.
     */
    private static void endLeftover(Path dataDirectory) {
        postmaster(dataDirectory).filter(ProcessHandle::isAlive).ifPresent(leftover -> {
            log.warn("Stopping PostgreSQL {} left running on {} by an earlier run", leftover.pid(), dataDirectory);
            leftover.destroy();
            try {
                leftover.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                leftover.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The server's main process, as its lock file in the data directory names it. */
    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            Path lock = dataDirectory.resolve("postmaster.pid");
            return Files.exists(lock) ? ProcessHandle.of(Long.parseLong(Files.readAllLines(lock).getFirst().trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public synchronized boolean isRunning() {
        return postmaster(dataDirectory).map(ProcessHandle::isAlive).orElse(false);
    }

    public synchronized OptionalLong pid() {
        return postmaster(dataDirectory).stream().mapToLong(ProcessHandle::pid).findFirst();
    }

    /**
     * Starts the server again on its data directory and port (after it died). The dead one is
     * closed first: it still holds the data directory's lock in this JVM.
     */
    public synchronized void restart() {
        int port = server.getPort();
        try {
            server.close();
        } catch (IOException | RuntimeException alreadyGone) {
            log.debug("Closing the dead PostgreSQL: {}", alreadyGone.toString());
        }
        server = startServer(port);
    }

    /** The JDBC URL of the server's default database, which the local stack's command service uses. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return server.getJdbcUrl(USER, database);
    }

    /** Creates a database no one else uses (a test's own) and returns its JDBC URL. */
    public String createDatabase() {
        String database = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
        return jdbcUrl(database);
    }

    /** The environment that points the command service at the database behind {@code jdbcUrl}. */
    public static Map<String, String> environmentFor(String jdbcUrl) {
        return Map.of("SPRING_DATASOURCE_URL", jdbcUrl, "SPRING_DATASOURCE_USERNAME", USER);
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + server.getPort();
    }
}
