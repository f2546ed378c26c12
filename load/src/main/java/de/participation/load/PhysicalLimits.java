package de.participation.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the machine itself allows, measured in the same run as the benchmark so that its figures
 * can be read as ratios: PostgreSQL commits with fsync (pgbench, one session), and the request
 * rate of an authenticated endpoint that does nothing (wrk).
 */
final class PhysicalLimits {

    private static final Pattern PGBENCH_RATE = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private final String databaseUri;

    PhysicalLimits(String jdbcUrl) {
        this.databaseUri = jdbcUrl.substring("jdbc:".length());
    }

    /** Transactions per second of one session that inserts {@code rows} rows and commits. */
    double commitsPerSecond(int rows) throws IOException, InterruptedException {
        run(List.of("psql", "-q", databaseUri, "-c", "create table if not exists benchmark_commit (value bigint)"));
        Path script = Files.createTempFile("commit-", ".sql");
        Files.writeString(script, "insert into benchmark_commit select generate_series(1, " + rows + ");\n");
        String output = run(List.of("pgbench", "-n", "-c", "1", "-T", "5", "-f", script.toString(), databaseUri));
        run(List.of("psql", "-q", databaseUri, "-c", "drop table benchmark_commit"));
        return rate(PGBENCH_RATE, output);
    }

    /** Requests per second of {@code GET url} with the token, by wrk over 5 s. */
    static double getRate(String url, String token, int connections) throws IOException, InterruptedException {
        return rate(WRK_RATE, run(List.of("wrk", "-t", "2", "-c", Integer.toString(connections), "-d", "5s",
                "-H", "Authorization: Bearer " + token, url)));
    }

    private static double rate(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected output: " + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.getFirst() + " failed: " + output);
        }
        return output;
    }
}
