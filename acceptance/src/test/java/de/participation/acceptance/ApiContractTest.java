package de.participation.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in API descriptions (docs/openapi/, which the services' tests keep equal to what they serve) hold
 * every path, status, error code, query parameter, enum value and webhook event name of the contract
 * (docs/contract/API.md), and every rule violation code of DOMAIN.md, so a client generated from them can do all
 * the contract promises.
 */
class ApiContractTest {

    /** The series are issue 28's: paths and codes the services do not have yet. */
    private static final Set<String> NOT_YET_BUILT = Set.of(
            "Version 1, wave-3 additions: series", "Version 3 of the rules (wave 3): series");

    /**
     * The codes of DOMAIN.md's first rules, which name their codes in the rules themselves; later versions list
     * theirs in a "New codes:" line ({@link #domainCodes()}).
     */
    private static final List<String> FIRST_RULES_CODES = List.of("MEETING_CANCELLED", "REGISTRATION_NOT_OPEN",
            "REGISTRATION_CLOSED", "REGISTRATION_ID_CONFLICT", "ALREADY_REGISTERED", "MEETING_FULL",
            "WAITING_LIST_FULL", "CAPACITY_BELOW_CONFIRMED");
    private static final Pattern NEW_CODES = Pattern.compile("(?m)^New codes: (.*)$");
    private static final Pattern CODE = Pattern.compile("`([A-Z_]+)`");

    private static final ApiContract CONTRACT =
            ApiContract.read(ApiContract.ROOT.resolve("docs/contract/API.md"), NOT_YET_BUILT);
    private final ApiDescriptions descriptions = new ApiDescriptions();

    static Stream<ApiContract.Operation> operations() {
        return CONTRACT.operations().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyOperationIsDescribedWithItsStatusesCodesAndParameters(ApiContract.Operation expected) {
        JsonNode operation = descriptions.operation(expected.service(), expected.method(), expected.path())
                .orElseThrow(() -> new AssertionError(expected + " is not in docs/openapi/" + expected.service()
                        + ".json, which has " + descriptions.operationNames(expected.service())));

        Set<String> statuses = new TreeSet<>();
        operation.path("responses").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).as("statuses of %s", expected).containsAll(expected.statuses());
        Set<String> codes = new TreeSet<>();
        ApiDescriptions.problemCodes(operation).forEach(code -> codes.add(code.substring(4)));
        assertThat(codes).as("problem codes of %s", expected).containsAll(expected.codes());
        Set<String> parameters = new TreeSet<>();
        operation.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asText()));
        assertThat(parameters).as("parameters of %s", expected).containsAll(expected.parameters());
    }

    @Test
    void theContractIsReadAsAWhole() {
        // So that a change of the contract's wording cannot make this test check next to nothing.
        assertThat(CONTRACT.operations()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(CONTRACT.operations()).anySatisfy(operation -> assertThat(operation.toString())
                .isEqualTo("POST /api/v1/meetings/{meetingId}/registration/open (command-service)"));
        assertThat(CONTRACT.operations()).filteredOn(operation -> !operation.statuses().isEmpty())
                .hasSizeGreaterThanOrEqualTo(15);
        assertThat(CONTRACT.operations()).noneMatch(operation -> operation.path().contains("/series"));
    }

    @Test
    void theStatusesSaidOfNoOperationAreAnswered() {
        Set<String> answered = new TreeSet<>();
        descriptions.operations().forEach(operation -> operation.path("responses").fieldNames()
                .forEachRemaining(answered::add));

        assertThat(answered).containsAll(CONTRACT.statuses);
    }

    @Test
    void everyErrorCodeOfTheContractIsAnswered() {
        Set<String> codes = new TreeSet<>();
        descriptions.operations().forEach(operation -> ApiDescriptions.problemCodes(operation)
                .forEach(code -> codes.add(code.substring(4))));

        assertThat(codes).containsAll(CONTRACT.codes);
    }

    /** Each rule violation is a 409 of some command, as API.md says. */
    @Test
    void everyCodeOfTheDomainIsAConflictOfACommand() {
        Set<String> conflicts = new TreeSet<>();
        descriptions.of("command-service").path("paths").forEach(path -> path.forEach(operation ->
                ApiDescriptions.problemCodes(operation).stream().filter(code -> code.startsWith("409 "))
                        .forEach(code -> conflicts.add(code.substring(4)))));

        assertThat(conflicts).containsAll(domainCodes());
    }

    @Test
    void everyEnumValueOfTheContractIsAValueOfTheDescriptions() {
        assertThat(descriptions.enumValues()).containsAll(CONTRACT.enumValues);
    }

    @Test
    void everyWebhookEventNameIsDescribed() {
        String webhooks = descriptions.of("query-service").path("paths").path("/api/v1/webhooks").toString();

        assertThat(CONTRACT.eventNames).hasSizeGreaterThanOrEqualTo(11)
                .allSatisfy(name -> assertThat(webhooks).contains("`" + name + "`"));
    }

    /** A client must know which token each call needs: every API operation names the roles that may call it. */
    @Test
    void everyApiOperationNamesItsRoles() {
        for (String service : ApiDescriptions.SERVICES) {
            descriptions.of(service).path("paths").fields().forEachRemaining(path -> path.getValue().fields()
                    .forEachRemaining(operation -> {
                        if (path.getKey().startsWith("/api/")) {
                            assertThat(operation.getValue().path("security").findValues("bearer"))
                                    .as("%s %s of %s", operation.getKey(), path.getKey(), service)
                                    .singleElement().satisfies(roles -> assertThat(roles).isNotEmpty());
                        }
                    }));
        }
    }

    /** DOMAIN.md's codes, of the rules that are built. */
    private static Set<String> domainCodes() {
        String domain = ApiContract.Sections.of(ApiContract.ROOT.resolve("docs/contract/DOMAIN.md"), NOT_YET_BUILT)
                .stream().map(ApiContract.Sections.Section::text).reduce("", String::concat);
        Set<String> codes = new LinkedHashSet<>();
        for (String code : FIRST_RULES_CODES) {
            assertThat(domain).as("DOMAIN.md names %s", code).contains("`" + code + "`");
            codes.add(code);
        }
        Matcher newCodes = NEW_CODES.matcher(domain);
        while (newCodes.find()) {
            Matcher code = CODE.matcher(newCodes.group(1));
            while (code.find()) {
                codes.add(code.group(1));
            }
        }
        assertThat(codes).as("codes of DOMAIN.md").hasSizeGreaterThan(FIRST_RULES_CODES.size());
        return codes;
    }
}
