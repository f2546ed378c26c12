package de.participation.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time used by the processes of the system, read from {@code /proc}, grouped by the part each
 * process belongs to (the command line tells). Two readings give the CPU a run cost each part.
 * Only the benchmark's own processes count: this JVM and what it started, and the processes
 * (with their children) whose command line names its data directory, as PostgreSQL's server,
 * which detaches itself. On a shared machine another checkout's services and tests have the same
 * names (a {@code query-service} test JVM counted as the query service once).
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Function<String, String> partOfCommandLine;
    private final String dataDirectory;

    /**
     * @param partOfCommandLine names the part of a process by its command line, or null to skip it
     * @param dataDirectory     the benchmark's data directory
     */
    private ProcessCpu(Function<String, String> partOfCommandLine, String dataDirectory) {
        this.partOfCommandLine = partOfCommandLine;
        this.dataDirectory = dataDirectory;
    }

    /** The CPU of the benchmark's processes with its data in {@code data}, by part ({@link WritePathBenchmark#partOf}). */
    static ProcessCpu ofBenchmark(Path data) {
        String directory = data.toString();
        return new ProcessCpu(commandLine -> WritePathBenchmark.partOf(commandLine, directory), directory);
    }

    /** CPU seconds (user and system) used so far, per part. */
    Map<String, Double> seconds() {
        Map<String, Double> perPart = new TreeMap<>();
        Set<Long> own = ownProcesses();
        for (long pid : own) {
            Path process = Path.of("/proc", Long.toString(pid));
            String part = partOfCommandLine.apply(commandLine(process));
            if (part != null) {
                perPart.merge(part, cpuSeconds(process), Double::sum);
            }
        }
        return perPart;
    }

    /** CPU seconds the whole machine has been busy (every core, every process), from {@code /proc/stat}. */
    static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int field : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/stat", e);
        }
    }

    private Set<Long> ownProcesses() {
        Set<Long> own = new HashSet<>();
        own.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(process -> own.add(process.pid()));
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(path -> commandLine(path).contains(dataDirectory))
                    .forEach(path -> {
                        long pid = Long.parseLong(path.getFileName().toString());
                        own.add(pid);
                        ProcessHandle.of(pid).ifPresent(process -> process.descendants()
                                .forEach(child -> own.add(child.pid())));
                    });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc", e);
        }
        return own;
    }

    /** The difference of two readings, per part. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((part, seconds) -> used.put(part, seconds - before.getOrDefault(part, 0.0)));
        return used;
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** utime and stime, fields 14 and 15 of /proc/PID/stat, counted after the command name in parentheses. */
    private static double cpuSeconds(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException gone) {
            return 0;
        }
    }
}
