package de.participation.command.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import de.participation.web.ProblemResponseSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Counts every command an endpoint marked {@link CommandType} answered, as
 * {@code participation.commands} by {@code type} and {@code outcome}: {@code accepted} for a 2xx
 * answer, {@code unavailable} for 503 (busy, database away: the caller should retry), else the
 * refusal's problem code ({@code MEETING_FULL}, {@code VALIDATION_FAILED}, {@code RATE_LIMITED}, …), which
 * {@link ProblemResponses} leaves on the request. Both tags come from fixed sets in the code. Requests
 * refused before they reach an endpoint (no or a wrong token, a body too large) are not counted.
 */
class CommandOutcomes implements HandlerInterceptor {

    static final String METRIC = "participation.commands";
    /** The request attribute holding the code of the problem the request was answered with. */
    static final String PROBLEM_CODE = CommandOutcomes.class.getName() + ".problemCode";
    static final String ACCEPTED = "accepted";
    static final String UNAVAILABLE = "unavailable";

    private final MeterRegistry registry;

    CommandOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception unhandled) {
        if (handler instanceof HandlerMethod method && method.getMethodAnnotation(CommandType.class) instanceof
                CommandType type) {
            Counter.builder(METRIC)
                    .description("Commands answered, by command type and outcome (accepted, or the problem code)")
                    .tag("type", type.value())
                    .tag("outcome", outcome(response.getStatus(), (String) request.getAttribute(PROBLEM_CODE)))
                    .register(registry)
                    .increment();
        }
    }

    static String outcome(int status, String problemCode) {
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        if (code.is2xxSuccessful()) {
            return ACCEPTED;
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return UNAVAILABLE;
        }
        return problemCode != null ? problemCode : ProblemResponseSupport.codeFor(code);
    }
}
