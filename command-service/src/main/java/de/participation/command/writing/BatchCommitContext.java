package de.participation.command.writing;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Link;

import java.util.List;
import java.util.Objects;

/**
 * The observation of one batch's commit ({@value #NAME}): its timer, and a span that links to the
 * span of every request whose command the batch carries. A batch serves many requests, so it
 * belongs to none of their traces; OpenTelemetry sets links when a span starts, so the batch's
 * span links to the requests (they started before it) rather than each request to the batch.
 */
final class BatchCommitContext extends Observation.Context {

    static final String NAME = "participation.writer.commit";

    private final List<Link> requests;

    BatchCommitContext(List<PendingCommand> batch) {
        this.requests = batch.stream().map(PendingCommand::requestTrace).filter(Objects::nonNull).map(Link::new).toList();
        setName(NAME);
        setContextualName("commit batch");
    }

    /** Links to the spans of the requests whose commands the batch carries. */
    List<Link> requests() {
        return requests;
    }
}
