package de.participation.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time used by the processes of the system, read from {@code /proc}, grouped by the part each
 * process belongs to (the command line tells). Two readings give the CPU a run cost each part.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Function<String, String> partOfCommandLine;

    /** @param partOfCommandLine names the part of a process by its command line, or null to skip it */
    ProcessCpu(Function<String, String> partOfCommandLine) {
        this.partOfCommandLine = partOfCommandLine;
    }

    /** CPU seconds (user and system) used so far, per part. */
    Map<String, Double> seconds() {
        Map<String, Double> perPart = new TreeMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(process -> {
                        String part = partOfCommandLine.apply(commandLine(process));
                        if (part != null) {
                            perPart.merge(part, cpuSeconds(process), Double::sum);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc", e);
        }
        return perPart;
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
