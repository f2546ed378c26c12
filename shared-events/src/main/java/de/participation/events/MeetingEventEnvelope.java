package de.participation.events;

import java.time.Instant;

/**
 * One domain event as published on Kafka: a CloudEvents 1.0 event in structured JSON mode.
 *
 * <p>{@code subject} is the meeting id (also the Kafka key), {@code sequence} the event's 0-based
 * position in its meeting's history, {@code correlationid} ties it to the request that caused it,
 * {@code issuedby} names who asked, and {@code schemaversion} is the version of the {@code data}
 * shape for its {@code type}. {@code traceparent} is the optional W3C Trace Context of the request
 * that caused the event (a CloudEvents extension attribute, absent when the command was not traced),
 * so that a consumer can continue that request's trace; a consumer that does not trace ignores it.
 */
public record MeetingEventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        long sequence,
        String correlationid,
        String issuedby,
        String traceparent,
        int schemaversion,
        MeetingEvent data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "urn:participation:command-service";
    public static final String CONTENT_TYPE = "application/json";
    /** The Kafka content-type header of a structured-mode CloudEvent. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** The envelope for an event as the command service stored it, of a command that was not traced. */
    public static MeetingEventEnvelope of(String eventId, Instant time, long sequence, String correlationId,
                                          String issuedBy, MeetingEvent event) {
        return of(eventId, time, sequence, correlationId, issuedBy, null, event);
    }

    /** The envelope for an event as the command service stored it, with the trace it belongs to (or null). */
    public static MeetingEventEnvelope of(String eventId, Instant time, long sequence, String correlationId,
                                          String issuedBy, String traceparent, MeetingEvent event) {
        return new MeetingEventEnvelope(SPEC_VERSION, eventId, SOURCE, MeetingEventTypes.typeOf(event),
                event.meetingId().toString(), time, CONTENT_TYPE, sequence, correlationId, issuedBy, traceparent,
                MeetingEventTypes.schemaVersionOf(event.getClass()), event);
    }
}
