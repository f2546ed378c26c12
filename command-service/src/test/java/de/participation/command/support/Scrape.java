package de.participation.command.support;

import de.participation.web.security.Roles;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One reading of {@code /actuator/prometheus}, as a monitoring client scrapes it. */
public final class Scrape {

    private final List<String> samples;

    private Scrape(List<String> samples) {
        this.samples = samples;
    }

    public static Scrape of(Api api) {
        var response = api.get("/actuator/prometheus", "Authorization", "Bearer " + TestTokens.withRole(Roles.MONITORING));
        assertThat(response.status()).isEqualTo(200);
        return new Scrape(response.raw().body().lines().filter(line -> !line.startsWith("#")).toList());
    }

    /**
     * The sum of the samples {@code name} whose labels include {@code labels} (each {@code key="value"}):
     * the one sample when all its labels are given; 0 when there is none yet (a counter never incremented).
     */
    public double value(String name, String... labels) {
        return samples.stream()
                .filter(sample -> sample.startsWith(name + "{") || sample.startsWith(name + " "))
                .filter(sample -> Arrays.stream(labels).allMatch(label -> labelsOf(sample).contains(label)))
                .mapToDouble(sample -> Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Whether a sample named {@code name} is present at all. */
    public boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.startsWith(name + "{") || sample.startsWith(name + " "));
    }

    private static List<String> labelsOf(String sample) {
        int open = sample.indexOf('{');
        return open < 0 ? List.of() : List.of(sample.substring(open + 1, sample.lastIndexOf('}')).split(","));
    }
}
