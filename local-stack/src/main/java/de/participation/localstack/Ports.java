package de.participation.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Local ports: free ones for servers that must be told their port before they start, and who
 * holds a port, so that a part of the stack never mistakes another process's server for its own.
 * Who listens is read from Linux's {@code /proc} (the socket's inode in {@code /proc/net/tcp*},
 * then the process whose file descriptors hold it); where there is no {@code /proc}, nobody is
 * named and ownership cannot be disproved.
 */
public final class Ports {

    private static final Path PROC = Path.of("/proc");
    private static final String LISTEN = "0A";

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses a port that some process already listens on, naming that process: a part started
     * on it would fail to bind, and its clients would talk to the other process instead.
     *
     * @param part what was to listen there, for the message
     */
    public static void requireFree(int port, String part) {
        if (port == 0) {
            return;
        }
        if (!listeningSockets(port).orElse(Set.of()).isEmpty() || !bindable(port)) {
            throw new IllegalStateException("Port " + port + " for the " + part + " is in use by "
                    + holderOf(port).map(Ports::describe).orElse("another process")
                    + ": stop it, or give the " + part + " another port");
        }
    }

    /** Whether a server could listen on {@code port} as ours do (with SO_REUSEADDR, so a closed connection does not count). */
    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /**
     * Whether {@code process} (or one of its descendants) is what listens on {@code port}. True
     * also where this cannot be known (no {@code /proc}).
     */
    public static boolean heldBy(int port, ProcessHandle process) {
        Optional<Set<String>> sockets = listeningSockets(port);
        if (sockets.isEmpty()) {
            return true;
        }
        return Stream.concat(Stream.of(process), process.descendants())
                .anyMatch(candidate -> holdsAny(candidate.pid(), sockets.get()));
    }

    /** The process that listens on {@code port}, where {@code /proc} tells. */
    public static Optional<ProcessHandle> holderOf(int port) {
        Set<String> sockets = listeningSockets(port).orElse(Set.of());
        if (sockets.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.allProcesses().filter(process -> holdsAny(process.pid(), sockets)).findFirst();
    }

    /** {@code process 1234 (java -cp … LocalPartMain kafka …)}, as far as the process is visible. */
    public static String describe(ProcessHandle process) {
        String command = process.info().commandLine().orElse(process.info().command().orElse("?"));
        return "process " + process.pid() + " (" + (command.length() > 200 ? command.substring(0, 200) + "…" : command) + ")";
    }

    /** The inodes of the sockets listening on {@code port}, or empty where {@code /proc} cannot tell. */
    private static Optional<Set<String>> listeningSockets(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = PROC.resolve(table);
            if (!Files.isReadable(file)) {
                return Optional.empty();
            }
            try (Stream<String> lines = Files.lines(file)) {
                lines.skip(1).map(line -> line.trim().split("\\s+"))
                        .filter(fields -> fields.length > 9 && LISTEN.equals(fields[3])
                                && Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16) == port)
                        .forEach(fields -> inodes.add(fields[9]));
            } catch (IOException | UncheckedIOException unreadable) {
                return Optional.empty();
            }
        }
        return Optional.of(inodes);
    }

    private static boolean holdsAny(long pid, Set<String> inodes) {
        try (Stream<Path> descriptors = Files.list(PROC.resolve(pid + "/fd"))) {
            return descriptors.anyMatch(descriptor -> {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException notVisible) {
            return false;
        }
    }
}
