package de.participation.acceptance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

import java.util.Map;
import java.util.Optional;

/**
 * Checks a manifest against the Kubernetes API schema as the official Java client's models hold it
 * (Kubernetes 1.32). Their reading refuses a field the schema does not know and a value of the
 * wrong kind (an object for a string, a word for a number, a malformed quantity); writing the model
 * out again and comparing it with the manifest also catches what the reading would silently coerce
 * (a number where the API wants a string, such as an environment variable's value, which the API
 * server refuses). The npm package kubernetes-models, whose validate() was the first choice, and
 * fabric8's models both accept unknown fields (docs/deployment.md).
 */
final class KubernetesManifestValidator {

    /** The kinds the manifests use; another kind is refused until its model is added here. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private final JSON kubernetesJson = new JSON();

    /** What is wrong with the manifest (one document of a YAML file), or empty if the API would take it. */
    Optional<String> problem(Map<String, Object> manifest) {
        String type = manifest.get("apiVersion") + "/" + manifest.get("kind");
        Class<?> model = MODELS.get(type);
        if (model == null) {
            return Optional.of("no model for " + type);
        }
        JsonElement given = JsonParser.parseString(asJson(manifest));
        Object read;
        try {
            read = kubernetesJson.deserialize(given.toString(), model);
        } catch (RuntimeException refused) {
            return Optional.of(refused.getMessage());
        }
        JsonElement written = JsonParser.parseString(kubernetesJson.serialize(read));
        return withoutEmpties(given).equals(withoutEmpties(written))
                ? Optional.empty()
                : Optional.of("a value of the wrong type: the API reads " + given + " as " + written);
    }

    /**
     * The models write every list and map they have, empty or not; an empty one means the same to
     * the API as an absent one, on either side.
     */
    private static JsonElement withoutEmpties(JsonElement element) {
        if (element.isJsonObject()) {
            JsonObject kept = new JsonObject();
            element.getAsJsonObject().entrySet().forEach(field -> {
                JsonElement value = withoutEmpties(field.getValue());
                if (!isEmpty(value)) {
                    kept.add(field.getKey(), value);
                }
            });
            return kept;
        }
        if (element.isJsonArray()) {
            JsonArray kept = new JsonArray();
            element.getAsJsonArray().forEach(item -> kept.add(withoutEmpties(item)));
            return kept;
        }
        return element;
    }

    private static boolean isEmpty(JsonElement element) {
        return element.isJsonNull()
                || element.isJsonObject() && element.getAsJsonObject().isEmpty()
                || element.isJsonArray() && element.getAsJsonArray().isEmpty();
    }

    /** The manifest as the API's model of its kind, for checks beyond the schema. */
    <T> T model(Map<String, Object> manifest, Class<T> type) {
        return kubernetesJson.deserialize(asJson(manifest), type);
    }

    private static String asJson(Map<String, Object> manifest) {
        try {
            return JACKSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
