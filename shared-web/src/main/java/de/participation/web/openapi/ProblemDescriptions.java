package de.participation.web.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The problem responses of each operation, as both services answer them (RFC 9457
 * {@code application/problem+json} with a {@code code}; docs/api.md, "Errors"), and the roles that
 * may call it. What every operation of a kind answers is derived here, so no controller repeats it:
 * 401 and 403 where a bearer token is required, 400 where there is input, 404 where an id is in the
 * path, the service's own for a request body and for every operation. What only some answer
 * (a rule violation, a read that waited too long) each operation or controller names with
 * {@link Refusal}.
 */
public final class ProblemDescriptions implements OperationCustomizer {

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final List<ProblemCase> everyOperation;
    private final List<ProblemCase> withBody;

    /**
     * @param everyOperation what any of the service's API operations (those that take a token) may answer:
     *                       its infrastructure away
     * @param withBody       what an operation that takes a request body may answer besides
     */
    public ProblemDescriptions(List<ProblemCase> everyOperation, List<ProblemCase> withBody) {
        this.everyOperation = List.copyOf(everyOperation);
        this.withBody = List.copyOf(withBody);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        List<String> roles = roles(operation);
        if (!roles.isEmpty()) {
            operation.setDescription(join(operation.getDescription(), "**Roles:** "
                    + roles.stream().map(role -> "`" + role + "`").collect(Collectors.joining(", ")) + "."));
        }
        Map<Integer, List<ProblemCase>> byStatus = new TreeMap<>();
        cases(operation, handlerMethod, !roles.isEmpty()).forEach(problem ->
                byStatus.computeIfAbsent(problem.status(), status -> new ArrayList<>()).add(problem));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        byStatus.forEach((status, problems) -> operation.getResponses().addApiResponse(String.valueOf(status),
                response(status, problems)));
        return operation;
    }

    /** The roles of the bearer requirement: OpenAPI 3.1 lets a non-OAuth scheme list role names there. */
    private static List<String> roles(Operation operation) {
        if (operation.getSecurity() == null) {
            return List.of();
        }
        return operation.getSecurity().stream()
                .map(requirement -> requirement.getOrDefault(ApiDescription.BEARER, List.of()))
                .flatMap(List::stream)
                .distinct()
                .toList();
    }

    private List<ProblemCase> cases(Operation operation, HandlerMethod handlerMethod, boolean secured) {
        List<ProblemCase> cases = new ArrayList<>(derived(operation, secured));
        cases.addAll(refusals(handlerMethod));
        if (secured) {
            cases.addAll(everyOperation);
        }
        return cases;
    }

    /** What the operation answers by its kind: with a token, with input, with an id in its path, with a body. */
    private List<ProblemCase> derived(Operation operation, boolean secured) {
        List<ProblemCase> cases = new ArrayList<>();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasBody = operation.getRequestBody() != null;
        if (hasBody) {
            cases.add(new ProblemCase(400, "VALIDATION_FAILED", "invalid input: malformed JSON, an unknown field, "
                    + "a wrong type or enum value, a missing field, a string too long, an instant without offset or a "
                    + "UUID that is not canonical; `errors` names each field at fault"));
        } else if (!parameters.isEmpty()) {
            cases.add(new ProblemCase(400, "VALIDATION_FAILED", "an invalid parameter: a UUID that is not canonical, "
                    + "a value of the wrong type or out of range; `errors` names it"));
        }
        if (secured) {
            cases.add(new ProblemCase(401, "UNAUTHENTICATED",
                    "no, an expired, a forged or a tampered bearer token (with `WWW-Authenticate: Bearer`)"));
            cases.add(new ProblemCase(403, "FORBIDDEN", "a role that may not do this"));
        }
        if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
            cases.add(new ProblemCase(404, "NOT_FOUND", "an unknown id (also another organisation's, where it is hidden)"));
        }
        if (hasBody) {
            cases.addAll(withBody);
        }
        return cases;
    }

    /** The {@link Refusal}s on the operation's method and controller, also those of an annotation there. */
    private static List<ProblemCase> refusals(HandlerMethod handlerMethod) {
        return Stream.of(handlerMethod.getBeanType(), handlerMethod.getMethod())
                .flatMap(annotated -> AnnotatedElementUtils.findMergedRepeatableAnnotations(annotated, Refusal.class)
                        .stream())
                .flatMap(refusal -> Arrays.stream(refusal.codes())
                        .map(code -> new ProblemCase(refusal.status(), code, refusal.when())))
                .toList();
    }

    private static ApiResponse response(int status, List<ProblemCase> problems) {
        Set<String> whens = new LinkedHashSet<>();
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemCase problem : problems) {
            whens.add("`" + problem.code() + "`: " + problem.when());
            examples.putIfAbsent(problem.code(), new Example().value(example(status, problem)));
        }
        ApiResponse response = new ApiResponse()
                .description(String.join("; ", whens))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref(ApiDescription.PROBLEM_SCHEMA))
                        .examples(examples)));
        if (status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.addHeaderObject("Retry-After", new Header()
                    .description("With the codes a retry can cure: seconds to wait before trying again")
                    .schema(ApiDescription.type("integer")));
        }
        return response;
    }

    private static Map<String, Object> example(int status, ProblemCase problem) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status);
        example.put("title", known == null ? "HTTP " + status : known.getReasonPhrase());
        example.put("status", status);
        example.put("detail", Character.toUpperCase(problem.when().charAt(0)) + problem.when().substring(1));
        example.put("code", problem.code());
        return example;
    }

    private static String join(String description, String addition) {
        return description == null || description.isBlank() ? addition : description + "\n\n" + addition;
    }
}
