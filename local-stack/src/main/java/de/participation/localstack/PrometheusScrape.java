package de.participation.localstack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a service's {@code /actuator/prometheus} (the Prometheus text format), read as a
 * monitoring system reads it: series by name and labels. For the tests of every module.
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One series' value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusScrape of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            samples.add(new Sample(sample.group(1), Map.copyOf(labels), Double.parseDouble(sample.group(3))));
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    /** The series of {@code name} whose labels include each of {@code labels} (name, value, name, value, …). */
    public List<Sample> series(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && hasLabels(sample, labels)).toList();
    }

    /** The sum of the series of {@code name} with {@code labels}: a counter's count, 0 before it was first used. */
    public double total(String name, String... labels) {
        return series(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The value of the one series of {@code name} with {@code labels}, which must be there. */
    public double gauge(String name, String... labels) {
        List<Sample> matching = series(name, labels);
        if (matching.size() != 1) {
            throw new AssertionError("not exactly one series " + name + List.of(labels) + ": " + matching);
        }
        return matching.getFirst().value();
    }

    /** Whether any series of {@code name} is there. */
    public boolean has(String name) {
        return !series(name).isEmpty();
    }

    /** Every metric name in the reading. */
    public List<String> names() {
        return samples.stream().map(Sample::name).distinct().toList();
    }

    /** Every label value of every series: where an id would show if one had leaked into a label. */
    public List<String> labelValues() {
        return samples.stream().flatMap(sample -> sample.labels().values().stream()).distinct().toList();
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
