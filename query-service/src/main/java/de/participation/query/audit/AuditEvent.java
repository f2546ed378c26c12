package de.participation.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One domain event as an auditor reads it: its identity, place and time in the meeting's history,
 * who asked for it and within which request, and its data. A participant appears opened for the
 * auditor, or as {@code null} with {@code "personalDataErased": true} once erased.
 */
public record AuditEvent(String eventId, long sequence, String type, Instant occurredAt, String issuedBy,
                         String correlationId, int schemaVersion, JsonNode payload) {
}
