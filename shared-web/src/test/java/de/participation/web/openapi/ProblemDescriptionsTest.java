package de.participation.web.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDescriptionsTest {

    private final ProblemDescriptions descriptions = new ProblemDescriptions(
            List.of(new ProblemCase(503, "DATABASE_UNAVAILABLE", "the database is away")),
            List.of(new ProblemCase(413, "PAYLOAD_TOO_LARGE", "a body over 64 KiB")));

    @Retention(RetentionPolicy.RUNTIME)
    @Refusal(status = 503, codes = "BUSY", when = "too many commands")
    @interface Queued {
    }

    @Refusal(status = 409, codes = "MEETING_CANCELLED", when = "the meeting was cancelled")
    static class Commands {

        @Queued
        @Refusal(status = 409, codes = "MEETING_FULL", when = "no seat is free")
        void register() {
        }

        void page() {
        }
    }

    @Test
    void aSecuredOperationWithAnIdAndABodyAnswersWhatItsKindAndItsRefusalsSay() throws NoSuchMethodException {
        Operation operation = new Operation().description("Register.")
                .addSecurityItem(new SecurityRequirement().addList(ApiDescription.BEARER, List.of("portal", "organiser")))
                .addParametersItem(new PathParameter().name("meetingId"))
                .requestBody(new RequestBody());

        descriptions.customize(operation, handler("register"));

        assertThat(operation.getDescription()).isEqualTo("Register.\n\n**Roles:** `portal`, `organiser`.");
        assertThat(operation.getResponses()).containsOnlyKeys("400", "401", "403", "404", "409", "413", "503");
        assertThat(codes(operation.getResponses().get("409"))).containsExactly("MEETING_CANCELLED", "MEETING_FULL");
        assertThat(codes(operation.getResponses().get("503"))).containsExactly("BUSY", "DATABASE_UNAVAILABLE");
        assertThat(operation.getResponses().get("503").getHeaders()).containsOnlyKeys("Retry-After");
        assertThat(operation.getResponses().get("409").getDescription())
                .isEqualTo("`MEETING_CANCELLED`: the meeting was cancelled; `MEETING_FULL`: no seat is free");
        assertThat(operation.getResponses().get("409").getContent().get("application/problem+json").getExamples()
                .get("MEETING_FULL").getValue()).isEqualTo(Map.of("type", "about:blank", "title", "Conflict",
                "status", 409, "detail", "No seat is free", "code", "MEETING_FULL"));
    }

    @Test
    void anOperationWithoutATokenAnswersNoAuthenticationProblemsNorTheServicesOwn() throws NoSuchMethodException {
        Operation operation = new Operation();

        descriptions.customize(operation, handler("page"));

        assertThat(operation.getDescription()).isNull();
        assertThat(operation.getResponses()).containsOnlyKeys("409");
    }

    private static HandlerMethod handler(String method) throws NoSuchMethodException {
        return new HandlerMethod(new Commands(), Commands.class.getDeclaredMethod(method));
    }

    private static List<String> codes(ApiResponse response) {
        return List.copyOf(response.getContent().get("application/problem+json").getExamples().keySet());
    }
}
