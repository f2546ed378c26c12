package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** Both services' OpenAPI descriptions as checked in under docs/openapi/ (docs/openapi.md). */
final class ApiDescriptions {

    static final List<String> SERVICES = List.of("command-service", "query-service");

    private final Map<String, JsonNode> byService = new TreeMap<>();

    ApiDescriptions() {
        ObjectMapper json = new ObjectMapper();
        for (String service : SERVICES) {
            try {
                byService.put(service, json.readTree(ApiContract.ROOT.resolve("docs/openapi/" + service + ".json")
                        .toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    JsonNode of(String service) {
        return byService.get(service);
    }

    /** The operation of {@code service} at {@code path}, path parameters compared by place, not by name. */
    Optional<JsonNode> operation(String service, String method, String path) {
        String wanted = template(path);
        return fields(of(service).path("paths")).stream()
                .filter(entry -> template(entry.getKey()).equals(wanted))
                .map(entry -> entry.getValue().path(method.toLowerCase(Locale.ROOT)))
                .filter(operation -> !operation.isMissingNode())
                .findFirst();
    }

    /** Every operation of both services. */
    List<JsonNode> operations() {
        List<JsonNode> operations = new ArrayList<>();
        byService.values().forEach(description -> fields(description.path("paths"))
                .forEach(path -> path.getValue().forEach(operations::add)));
        return operations;
    }

    /** The paths of {@code service} with their operations, as "METHOD /path". */
    Set<String> operationNames(String service) {
        Set<String> names = new TreeSet<>();
        fields(of(service).path("paths")).forEach(path -> path.getValue().fieldNames().forEachRemaining(method ->
                names.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return names;
    }

    /** The codes an operation's problem responses name, with their status: "409 MEETING_FULL". */
    static Set<String> problemCodes(JsonNode operation) {
        Set<String> codes = new TreeSet<>();
        fields(operation.path("responses")).forEach(response -> response.getValue().path("content")
                .path("application/problem+json").path("examples").fieldNames()
                .forEachRemaining(code -> codes.add(response.getKey() + " " + code)));
        return codes;
    }

    /** Every value of every enum anywhere in both descriptions. */
    Set<String> enumValues() {
        Set<String> values = new TreeSet<>();
        byService.values().forEach(description -> description.findValues("enum")
                .forEach(list -> list.forEach(value -> values.add(value.asText()))));
        return values;
    }

    private static String template(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) node::fields).spliterator(), false)
                .toList();
    }
}
