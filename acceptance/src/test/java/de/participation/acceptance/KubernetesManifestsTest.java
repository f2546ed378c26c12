package de.participation.acceptance;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of deploy/kubernetes are valid for the Kubernetes API (unknown fields and wrong
 * types refused, KubernetesManifestValidator), and write no secret: Secrets are referenced only.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();

    private final KubernetesManifestValidator validator = new KubernetesManifestValidator();

    @Test
    void everyManifestIsValidForTheKubernetesApi() {
        List<Map<String, Object>> manifests = manifests();
        assertThat(manifests).extracting(manifest -> manifest.get("kind"))
                .contains("Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "HorizontalPodAutoscaler");
        assertThat(manifests).allSatisfy(manifest -> assertThat(validator.problem(manifest))
                .as("%s %s", manifest.get("kind"), name(manifest)).isEmpty());
    }

    @Test
    void noSecretIsWrittenInTheManifests() {
        assertThat(manifests()).extracting(manifest -> manifest.get("kind")).doesNotContain("Secret");
    }

    @Test
    void aFieldTheApiDoesNotKnowIsRefused() {
        assertThat(validator.problem(deployment("replicas: 2\n  replica: 3"))).hasValueSatisfying(problem ->
                assertThat(problem).contains("`replica`", "V1DeploymentSpec"));
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        assertThat(validator.problem(deployment("replicas: two"))).hasValueSatisfying(problem ->
                assertThat(problem).contains("\"two\""));
    }

    @Test
    void aNumberWhereTheApiWantsAStringIsRefused() {
        assertThat(validator.problem(deployment("replicas: 2", "env: [{name: PORT, value: 8081}]")))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("a value of the wrong type"));
    }

    @Test
    void aValidDeploymentPasses() {
        assertThat(validator.problem(deployment("replicas: 2"))).isEmpty();
    }

    @Test
    void aKindWithoutAModelIsRefused() {
        assertThat(validator.problem(Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitor")))
                .hasValue("no model for monitoring.coreos.com/v1/ServiceMonitor");
    }

    private static Map<String, Object> deployment(String specLine, String... containerLines) {
        String container = String.join("\n", Stream.concat(Stream.of("name: c", "image: i"), Stream.of(containerLines))
                .map(line -> "          " + line).toList()).replaceFirst("^ {10}", "        - ");
        return new Yaml().load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  %s
                  selector: {matchLabels: {app: d}}
                  template:
                    metadata: {labels: {app: d}}
                    spec:
                      containers:
                %s
                """.formatted(specLine, container));
    }

    private static Object name(Map<String, Object> manifest) {
        return manifest.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifests() {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .flatMap(file -> StreamSupport.stream(new Yaml().loadAll(read(file)).spliterator(), false))
                    .map(document -> (Map<String, Object>) document)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
