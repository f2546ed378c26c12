package de.participation.query.webhooks;

import de.participation.events.MeetingEventEnvelope;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * One event on its way to one subscriber. Its id, the {@code webhook-id} header, is derived from
 * the subscription and the event, so the same event read again from Kafka is the same delivery,
 * and the receiver can use it to ignore repeats.
 *
 * @param partition       the Kafka partition of the event: the instance that consumes it sends it
 * @param sequence        the event's place in its meeting's history: each subscriber receives a
 *                        meeting's events in this order
 * @param roundAttempts   attempts since the delivery was created or retried by hand, which
 *                        choose the next pause
 * @param attempts        the latest attempts, newest last
 * @param traceparent     the trace of the request that caused the event (W3C), which each attempt
 *                        continues; null if the event carried none
 */
record Delivery(UUID id, UUID webhookId, UUID meetingId, int partition, long sequence, UUID eventId,
                String eventType, String event, String body, Instant createdAt, Status status,
                int roundAttempts, Instant nextAttemptAt, Instant deliveredAt, List<Attempt> attempts,
                String traceparent) {

    enum Status { PENDING, DELIVERED, FAILED }

    /** What one attempt got back: an HTTP status, or why there was none. */
    record Attempt(Instant at, Integer status, String answer, long durationMillis) {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }

        Document toDocument() {
            return new Document("at", Date.from(at)).append("status", status).append("answer", answer)
                    .append("durationMillis", durationMillis);
        }

        static Attempt of(Document document) {
            return new Attempt(document.getDate("at").toInstant(), document.getInteger("status"),
                    document.getString("answer"), document.getLong("durationMillis"));
        }
    }

    static Delivery of(Subscription subscription, MeetingEventEnvelope event, String name, int partition, String body,
                       Instant now) {
        UUID id = UUID.nameUUIDFromBytes((subscription.id() + "/" + event.id()).getBytes(StandardCharsets.UTF_8));
        return new Delivery(id, subscription.id(), UUID.fromString(event.subject()), partition, event.sequence(),
                UUID.fromString(event.id()), event.type(), name, body,
                now, Status.PENDING, 0, now, null, List.of(), event.traceparent());
    }

    /** Deliveries of the same queue go out one after the other, in order of their sequence. */
    String queue() {
        return webhookId + "/" + meetingId;
    }

    Document toDocument() {
        return new Document("_id", id.toString())
                .append("webhookId", webhookId.toString())
                .append("meetingId", meetingId.toString())
                .append("partition", partition)
                .append("sequence", sequence)
                .append("eventId", eventId.toString())
                .append("eventType", eventType)
                .append("event", event)
                .append("body", body)
                .append("createdAt", Date.from(createdAt))
                .append("status", status.name())
                .append("roundAttempts", roundAttempts)
                .append("nextAttemptAt", date(nextAttemptAt))
                .append("deliveredAt", date(deliveredAt))
                .append("attempts", attempts.stream().map(Attempt::toDocument).toList())
                .append("traceparent", traceparent);
    }

    static Delivery of(Document document) {
        return new Delivery(UUID.fromString(document.getString("_id")),
                UUID.fromString(document.getString("webhookId")), UUID.fromString(document.getString("meetingId")),
                document.getInteger("partition"), document.getLong("sequence"),
                UUID.fromString(document.getString("eventId")), document.getString("eventType"),
                document.getString("event"), document.getString("body"), document.getDate("createdAt").toInstant(),
                Status.valueOf(document.getString("status")), document.getInteger("roundAttempts"),
                instant(document.getDate("nextAttemptAt")), instant(document.getDate("deliveredAt")),
                document.getList("attempts", Document.class).stream().map(Attempt::of).toList(),
                document.getString("traceparent"));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
