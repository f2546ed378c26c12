package de.participation.command.writing;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * Starts the span of a batch's commit as a root span with a link to each request it carries
 * (Micrometer's default tracing handler knows no links). The batch then appears in each request's
 * trace view as a linked span, and its own trace holds the commit and whatever runs within it.
 */
final class BatchCommitTracing implements TracingObservationHandler<BatchCommitContext> {

    private final Tracer tracer;

    BatchCommitTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void onStart(BatchCommitContext context) {
        Span.Builder span = tracer.spanBuilder().setNoParent().name(getSpanName(context));
        context.requests().forEach(span::addLink);
        getTracingContext(context).setSpan(span.start());
    }

    @Override
    public void onStop(BatchCommitContext context) {
        Span span = getRequiredSpan(context);
        tagSpan(context, span);
        endSpan(context, span);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof BatchCommitContext;
    }

    @Override
    public Tracer getTracer() {
        return tracer;
    }
}
