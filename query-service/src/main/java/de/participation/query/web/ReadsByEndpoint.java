package de.participation.query.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * {@code participation.reads}: the API's reads ({@code GET /api/…}) by {@code endpoint}, the
 * route's template (never the path itself, which holds ids), and {@code status}. It listens to the
 * observation Spring MVC makes of every request (Boot's {@code http.server.requests}), so it sees
 * what the security filters answer (401, 403: endpoint {@code UNKNOWN}, as no route was chosen
 * yet) as well as what the controllers answer. Capacity streams are left out: they last as long as
 * the client listens ({@code participation.streams.open} counts them).
 */
@Component
class ReadsByEndpoint implements ObservationHandler<ServerRequestObservationContext> {

    static final String READS = "participation.reads";
    private static final String UNKNOWN = "UNKNOWN";

    private final MeterRegistry registry;

    ReadsByEndpoint(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(Timer.Sample.class, Timer.start(registry));
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        HttpServletRequest request = context.getCarrier();
        HttpServletResponse response = context.getResponse();
        Timer.Sample sample = context.get(Timer.Sample.class);
        if (sample == null || response == null || !isRead(request) || isStream(response)) {
            return;
        }
        String endpoint = context.getPathPattern() == null ? UNKNOWN : context.getPathPattern();
        sample.stop(Timer.builder(READS).tag("endpoint", endpoint).tag("status", Integer.toString(response.getStatus()))
                .description("Reads of the API by route template and HTTP status")
                .register(registry));
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getRequestURI().startsWith("/api/");
    }

    private static boolean isStream(HttpServletResponse response) {
        String type = response.getContentType();
        return type != null && type.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
    }
}
