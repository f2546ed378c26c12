package de.participation.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What both services' OpenAPI descriptions share (docs/openapi.md): the bearer scheme whose role
 * names each operation lists, and the problem schema whose {@code code} names every code the
 * service's operations answer, collected from their problem responses ({@link ProblemDescriptions}).
 */
public final class ApiDescription implements OpenApiCustomizer {

    /** The name of the security scheme that each operation's requirement refers to. */
    public static final String BEARER = "bearer";
    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final String title;
    private final String summary;
    private final String localServer;
    private final Map<String, Schema<Object>> problemProperties;

    /**
     * @param localServer       the service's address on the local stack: named rather than the address a
     *                          request came in on, so that the document is the same wherever it is served
     * @param problemProperties what the service's problems carry beyond the common fields, by name
     *                          (see {@link #property})
     */
    public ApiDescription(String title, String summary, String localServer,
                          Map<String, Schema<Object>> problemProperties) {
        this.title = title;
        this.summary = summary;
        this.localServer = localServer;
        this.problemProperties = new TreeMap<>(problemProperties);
    }

    /** A property of a problem: its JSON type, its format (or null) and when it is there. */
    public static Schema<Object> property(String type, String format, String description) {
        return type(type).format(format).description(description);
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info().title(title).version("v1").description(summary));
        openApi.servers(List.of(new Server().url(localServer)
                .description("The local stack (run-local.sh); a deployment serves it at its own address")));
        Components components = Objects.requireNonNullElseGet(openApi.getComponents(), Components::new);
        openApi.components(components);
        components.addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT of the configured issuer with this system's audience (`aud`). Roles come from "
                        + "its `roles` claim (or Keycloak's `realm_access.roles`), an organiser's organisation from "
                        + "`organisation`. Each operation lists the roles that may call it (docs/api.md, "
                        + "\"Who may do what\")."));
        components.addSchemas("FieldProblem", type("object")
                .addProperty("field", type("string").description("The field at fault, by its name in the body, "
                        + "or the parameter's name"))
                .addProperty("message", type("string"))
                .required(List.of("field", "message")));
        Schema<Object> problem = type("object")
                .description("RFC 9457 problem details with a machine-readable `code`")
                .addProperty("type", type("string").example("about:blank"))
                .addProperty("title", type("string"))
                .addProperty("status", type("integer"))
                .addProperty("detail", type("string"))
                .addProperty("code", type("string")._enum(codes(openApi)))
                .addProperty("errors", type("array").items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
                        .description("With `VALIDATION_FAILED`: each field at fault"))
                .required(List.of("type", "title", "status", "detail", "code"));
        problemProperties.forEach(problem::addProperty);
        components.addSchemas("Problem", problem);
    }

    /** Every code of the problem responses, in alphabetical order so that the document is stable. */
    private static List<Object> codes(OpenAPI openApi) {
        Set<String> codes = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .filter(operation -> operation.getResponses() != null)
                    .flatMap(operation -> operation.getResponses().values().stream())
                    .filter(response -> response.getContent() != null)
                    .map(response -> response.getContent().get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .filter(Objects::nonNull)
                    .map(MediaType::getExamples)
                    .filter(Objects::nonNull)
                    .map(Map::keySet)
                    .forEach(codes::addAll);
        }
        return List.<Object>copyOf(codes);
    }

    /** A schema of one JSON type, as OpenAPI 3.1 (JSON Schema 2020-12) writes it. */
    static Schema<Object> type(String type) {
        Schema<Object> schema = new Schema<>();
        schema.addType(type);
        return schema;
    }
}
