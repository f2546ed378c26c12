package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard (deploy/grafana/participation.json) queries only the metrics listed beside
 * it in metrics.txt, and each listed metric is shown somewhere: a metric renamed in a service, or a
 * typing error in a query, fails here rather than leaving an empty panel in production.
 */
class GrafanaDashboardTest {

    private static final Path GRAFANA = Path.of("..", "deploy", "grafana").toAbsolutePath().normalize();

    /** What in a PromQL expression is not a metric's name: label matchers, ranges, grouping labels and strings. */
    private static final Pattern NOT_METRICS =
            Pattern.compile("\\{[^}]*}|\\[[^]]*]|\\b(by|without|on|ignoring)\\s*\\([^)]*\\)|\"[^\"]*\"");
    /** A name not followed by an opening parenthesis (which would make it a function). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right");

    private final JsonNode dashboard = readDashboard();

    @Test
    void everyQueryNamesOnlyListedMetricsAndEveryListedMetricIsShown() throws IOException {
        Set<String> listed = Files.readAllLines(GRAFANA.resolve("metrics.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toSet());
        Set<String> queried = expressions().flatMap(GrafanaDashboardTest::metrics).collect(Collectors.toSet());

        assertThat(listed).hasSizeGreaterThan(30);
        assertThat(queried).isSubsetOf(listed).containsAll(listed);
    }

    @Test
    void theMetricNamesAreReadFromAQueryAsPrometheusWould() {
        assertThat(metrics("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket{job=\"q\", status=~\"5..\"}[$__rate_interval])))"
                + " / on (instance) y_total"))
                .containsExactlyInAnyOrder("x_seconds_bucket", "y_total");
    }

    @Test
    void everyPanelQueriesThePrometheusChosenInTheDashboardsVariable() {
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("name").asText()).isEqualTo("datasource");
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");

        List<JsonNode> panels = panels().filter(panel -> !panel.path("type").asText().equals("row")).toList();
        assertThat(panels).hasSizeGreaterThan(20).allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
        });
    }

    private Stream<JsonNode> panels() {
        return StreamSupport.stream(dashboard.path("panels").spliterator(), false);
    }

    private Stream<String> expressions() {
        return panels().flatMap(panel -> StreamSupport.stream(panel.path("targets").spliterator(), false))
                .map(target -> target.path("expr").asText());
    }

    private static Stream<String> metrics(String expression) {
        return NAME.matcher(NOT_METRICS.matcher(expression).replaceAll(" ")).results()
                .map(match -> match.group())
                .filter(name -> !KEYWORDS.contains(name));
    }

    private static JsonNode readDashboard() {
        try {
            return new ObjectMapper().readTree(GRAFANA.resolve("participation.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
