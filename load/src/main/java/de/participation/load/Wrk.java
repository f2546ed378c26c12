package de.participation.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (the load generator, from Debian's package) with {@code register.lua}: every request
 * registers a new person. Gives back what wrk measured and what the answers were.
 */
final class Wrk {

    record Result(double requestsPerSecond, double p50, double p95, double p99, double max, long created, long busy,
                  long other, String output) {

        long errors() {
            return busy + other;
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern ANSWERS = Pattern.compile("ANSWERS created=(\\d+) busy=(\\d+) other=(\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("PERCENTILE (\\d+) ([0-9.]+)");

    /** What wrk measured for reads: their rate and percentiles of their latency. */
    record Reads(double requestsPerSecond, double p50Millis, double p99Millis) {
    }

    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

    private final Path script;
    private final Path summaries;
    private final Path pages;
    private final Path meetingPages;

    Wrk(Path directory) throws IOException {
        script = copy("register.lua", directory);
        summaries = copy("summaries.lua", directory);
        pages = copy("pages.lua", directory);
        meetingPages = copy("meetings.lua", directory);
    }

    private static Path copy(String resource, Path directory) throws IOException {
        Path file = directory.resolve(resource);
        try (InputStream lua = Wrk.class.getResourceAsStream("/" + resource)) {
            Files.write(file, lua.readAllBytes());
        }
        return file;
    }

    /** Reads summaries of meetings drawn at random from {@code meetings} for {@code duration}. */
    Reads summaries(String baseUrl, List<String> meetings, String token, int connections, Duration duration)
            throws IOException, InterruptedException {
        return reads(summaries, baseUrl, connections, duration, String.join(",", meetings), token);
    }

    /**
     * Reads pages of 50 for {@code duration}: of the registrations, the confirmed ones or the waiting
     * list of a meeting drawn at random from {@code meetings} (all as {@link PublishedHistory} made
     * them), each at a random place.
     */
    Reads pages(String baseUrl, List<String> meetings, String token, int connections, Duration duration)
            throws IOException, InterruptedException {
        return reads(pages, baseUrl, connections, duration, String.join(",", meetings), token,
                Integer.toString(PublishedHistory.REGISTRATIONS), Integer.toString(PublishedHistory.CAPACITY),
                Integer.toString(PublishedHistory.REGISTRATIONS - PublishedHistory.CAPACITY - PublishedHistory.CANCELLATIONS));
    }

    /** Reads pages of 50 of the organisation's {@code meetings} meetings, at random places, for {@code duration}. */
    Reads meetingPages(String baseUrl, int meetings, String token, int connections, Duration duration)
            throws IOException, InterruptedException {
        return reads(meetingPages, baseUrl, connections, duration, token, Integer.toString(meetings));
    }

    private static Reads reads(Path script, String baseUrl, int connections, Duration duration, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(Math.min(2, connections)), "-c",
                Integer.toString(connections), "-d", duration.toSeconds() + "s", "--latency", "-s", script.toString(),
                baseUrl, "--"));
        command.addAll(List.of(arguments));
        String output = run(command);
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("Reads were refused: " + output);
        }
        return new Reads(Double.parseDouble(find(RATE, output).group(1)), millis(find(P50, output)),
                millis(find(P99, output)));
    }

    private static double millis(Matcher latency) {
        double value = Double.parseDouble(latency.group(1));
        return switch (latency.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return output;
    }

    /** Registers for {@code duration} over {@code connections} connections, round robin over {@code meetings}. */
    Result register(String baseUrl, List<String> meetings, String token, int connections, Duration duration,
                    String run) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(Math.min(2, connections)),
                "-c", Integer.toString(connections), "-d", duration.toSeconds() + "s", "--timeout", "10s",
                "-s", script.toString(), baseUrl, "--", String.join(",", meetings), token, run));
        String output = run(command);
        Matcher answers = find(ANSWERS, output);
        double[] percentiles = new double[4];
        Matcher percentile = PERCENTILE.matcher(output);
        for (int i = 0; percentile.find() && i < 4; i++) {
            percentiles[i] = Double.parseDouble(percentile.group(2));
        }
        return new Result(Double.parseDouble(find(RATE, output).group(1)), percentiles[0], percentiles[1],
                percentiles[2], percentiles[3], Long.parseLong(answers.group(1)), Long.parseLong(answers.group(2)),
                Long.parseLong(answers.group(3)), output);
    }

    private static Matcher find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected wrk output: " + output);
        }
        return matcher;
    }
}
