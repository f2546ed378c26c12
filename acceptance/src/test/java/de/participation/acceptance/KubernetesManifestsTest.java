package de.participation.acceptance;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of deploy/kubernetes are valid for the Kubernetes API (unknown fields and wrong
 * types refused, KubernetesManifestValidator), write no secret (Secrets are referenced only), and
 * keep what docs/deployment.md promises: hardened, probed pods that stop gracefully, two or more
 * of each, a disruption budget for each, and CPU autoscaling of both services.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
    private static final String NAME_LABEL = "app.kubernetes.io/name";

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
    void everyDeploymentRunsTwoOrMoreHardenedProbedPodsUnderADisruptionBudget() {
        Set<String> budgeted = models("PodDisruptionBudget", V1PodDisruptionBudget.class).stream()
                .map(budget -> budget.getSpec().getSelector().getMatchLabels().get(NAME_LABEL))
                .collect(Collectors.toSet());
        assertThat(models("Deployment", V1Deployment.class)).hasSize(3).allSatisfy(deployment -> {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as(name).isGreaterThanOrEqualTo(2);
            assertThat(budgeted).as("disruption budgets").contains(name);
            V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getContainers()).allSatisfy(container -> {
                assertThat(List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
                        .as("%s's probes", name).doesNotContainNull();
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
                V1SecurityContext security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(preStopPause(container)).as(name).isPositive();
            });
        });
    }

    @Test
    void bothServicesAreProbedOnTheirHealthGroupsOutlastTheirGracefulShutdownAndScaleOnCpu() {
        List<String> services = List.of("command-service", "query-service");
        assertThat(models("Deployment", V1Deployment.class))
                .filteredOn(deployment -> services.contains(deployment.getMetadata().getName()))
                .hasSize(2)
                .allSatisfy(deployment -> {
                    String name = deployment.getMetadata().getName();
                    V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                    V1Container container = pod.getContainers().getFirst();
                    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
                    // The web server's shutdown phase, then the one that stops the service's own work.
                    assertThat(pod.getTerminationGracePeriodSeconds()).as(name)
                            .isGreaterThan(preStopPause(container) + 2 * shutdownPhase(name).toSeconds());
                });
        assertThat(models("HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class)).allSatisfy(autoscaler -> {
            assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(autoscaler.getSpec().getMetrics()).singleElement()
                    .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        }).extracting(autoscaler -> autoscaler.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrderElementsOf(services);
    }

    /**
     * The service's spring.lifecycle.timeout-per-shutdown-phase (in seconds or minutes, such as
     * {@code 20s}), or Spring's default of 30 s. Of several documents in the file, the last that
     * sets it wins, as in Spring.
     */
    private static Duration shutdownPhase(String service) {
        Object timeout = null;
        for (Object document : new Yaml().loadAll(read(ROOT.resolve(service + "/src/main/resources/application.yml")))) {
            if (document instanceof Map<?, ?> settings && settings.get("spring") instanceof Map<?, ?> spring
                    && spring.get("lifecycle") instanceof Map<?, ?> lifecycle
                    && lifecycle.get("timeout-per-shutdown-phase") != null) {
                timeout = lifecycle.get("timeout-per-shutdown-phase");
            }
        }
        return timeout == null ? Duration.ofSeconds(30) : Duration.parse("PT" + timeout.toString().toUpperCase());
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

    private <T> List<T> models(String kind, Class<T> type) {
        return manifests().stream().filter(manifest -> kind.equals(manifest.get("kind")))
                .map(manifest -> validator.model(manifest, type)).toList();
    }

    /** The seconds of a {@code sleep} in the container's preStop hook. */
    private static int preStopPause(V1Container container) {
        List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(command).hasSize(2).first().isEqualTo("sleep");
        return Integer.parseInt(command.get(1));
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
