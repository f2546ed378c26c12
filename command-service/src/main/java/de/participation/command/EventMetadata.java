package de.participation.command;

/** The metadata every stored event carries, copied from the command that caused it. */
public final class EventMetadata {

    /** Ties the event to the request that caused it (the caller's X-Correlation-Id, or generated). */
    public static final String CORRELATION_ID = "correlationId";
    /** Who asked for the change. */
    public static final String ISSUED_BY = "issuedBy";
    /**
     * The W3C Trace Context ({@code traceparent}) of the request that sent the command, absent when
     * it was not traced: the forwarder continues that trace and hands it on with the event.
     */
    public static final String TRACEPARENT = "traceparent";

    private EventMetadata() {
    }
}
