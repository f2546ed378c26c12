package de.participation.query.webhooks;

import de.participation.events.MeetingEventEnvelope;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A receiver's standing order: the events named in {@code events} of the meetings its owner may
 * follow, from {@code createdAt} on, signed with its {@code secrets}.
 */
record Subscription(UUID id, String url, Set<String> events, String description, SubscriptionOwner owner,
                    SigningSecrets secrets, Instant createdAt) {

    /** Whether this event, under the given webhook name, of a meeting of {@code organisation}, goes to this receiver. */
    boolean wants(MeetingEventEnvelope event, String name, String organisation) {
        return events.contains(name) && !event.time().isBefore(createdAt) && owner.receivesFrom(organisation);
    }

    Document toDocument() {
        return secrets.appendTo(new Document("_id", id.toString())
                .append("url", url)
                .append("events", List.copyOf(events))
                .append("description", description)
                .append("ownerKind", owner.kind().name())
                .append("organisation", owner.organisation())
                .append("createdAt", Date.from(createdAt)));
    }

    static Subscription of(Document document) {
        return new Subscription(UUID.fromString(document.getString("_id")), document.getString("url"),
                Set.copyOf(document.getList("events", String.class)), document.getString("description"),
                new SubscriptionOwner(SubscriptionOwner.Kind.valueOf(document.getString("ownerKind")),
                        document.getString("organisation")),
                SigningSecrets.of(document), document.getDate("createdAt").toInstant());
    }
}
