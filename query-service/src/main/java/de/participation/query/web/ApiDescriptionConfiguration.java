package de.participation.query.web;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.ProblemCase;
import de.participation.web.openapi.ProblemDescriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

/**
 * The query service's OpenAPI description at {@code /v3/api-docs}, checked in as
 * docs/openapi/query-service.json (docs/openapi.md).
 */
@Configuration(proxyBeanMethods = false)
class ApiDescriptionConfiguration {

    @Bean
    ApiDescription queryApiDescription() {
        return new ApiDescription("Participation registration: query service",
                "Reads meetings, registrations and their history from read models projected off the events topic, "
                        + "streams capacity changes, and delivers webhooks (docs/api.md). Reads that take "
                        + "`?minSequence=N` wait up to 5 s until the read models show the meeting's event `N`.",
                "http://localhost:8082",
                Map.of("eventsProjected", ApiDescription.property("integer", "int64",
                                "With `READ_MODELS_CATCHING_UP`: the events projected so far (null while Kafka cannot "
                                        + "be asked)"),
                        "eventsToGo", ApiDescription.property("integer", "int64",
                                "With `READ_MODELS_CATCHING_UP`: the events still to project (null while Kafka "
                                        + "cannot be asked)")));
    }

    @Bean
    ProblemDescriptions queryProblems() {
        return new ProblemDescriptions(
                List.of(new ProblemCase(503, "READ_MODELS_UNAVAILABLE",
                        "MongoDB cannot be reached (answered within about two seconds)")),
                List.of(new ProblemCase(415, "UNSUPPORTED_MEDIA_TYPE",
                        "a `Content-Type` that is not one concrete type the operation takes")));
    }
}
