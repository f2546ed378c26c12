package de.participation.command.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.ProblemCase;
import de.participation.web.openapi.ProblemDescriptions;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

/**
 * The command service's OpenAPI description at {@code /v3/api-docs}, checked in as
 * docs/openapi/command-service.json (docs/openapi.md).
 */
@Configuration(proxyBeanMethods = false)
class ApiDescriptionConfiguration {

    static {
        // Taken from the token and the headers by RequestOriginResolver: nothing a caller sends as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(RequestOrigin.class);
    }

    @Bean
    ApiDescription commandApiDescription() {
        return new ApiDescription("Participation registration: command service",
                "Schedules and runs meetings and registers participants (docs/api.md). Every command answers with "
                        + "`sequence`, the number of the meeting's last domain event; the query service's reads "
                        + "take it as `?minSequence=` to show the command's effect.",
                "http://localhost:8081",
                Map.of("registrationId", ApiDescription.property("string", "uuid",
                        "With `ALREADY_REGISTERED`: the registration the person already holds; with the other rule "
                                + "violations about one registration: that one")));
    }

    @Bean
    ProblemDescriptions commandProblems() {
        return new ProblemDescriptions(
                List.of(new ProblemCase(503, "DATABASE_UNAVAILABLE",
                        "PostgreSQL cannot be reached (answered within about a second; nothing was written)")),
                List.of(new ProblemCase(408, "REQUEST_TIMEOUT",
                                "the body had not arrived 10 s after the request began, or the client was silent "
                                        + "for 4 s while sending"),
                        new ProblemCase(413, "PAYLOAD_TOO_LARGE", "a body over 64 KiB"),
                        new ProblemCase(415, "UNSUPPORTED_MEDIA_TYPE",
                                "a `Content-Type` that is not one concrete type the operation takes"),
                        new ProblemCase(503, "SERVICE_UNAVAILABLE",
                                "more request bodies being received at once than allowed (64)")));
    }
}
