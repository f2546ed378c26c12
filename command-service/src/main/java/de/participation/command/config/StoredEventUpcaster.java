package de.participation.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventTypes;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.kafka.MeetingEventUpcasts;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings an event stored at an earlier schema version to the current one when the event store reads
 * it, by the same steps as the topic's consumers ({@link MeetingEventUpcasts}): the history in
 * PostgreSQL is never rewritten for a new version. The version is stored as Axon's payload revision;
 * events stored before that have none, and had the versions of {@link #BEFORE_REVISIONS}.
 */
@Component
class StoredEventUpcaster extends SingleEventUpcaster {

    /** The participant events were re-sealed in the store (version 2); every other event was at version 1. */
    private static final Map<Class<? extends MeetingEvent>, Integer> BEFORE_REVISIONS = Map.of(
            ParticipantRegistered.class, 2, ParticipantWaitlisted.class, 2);
    /** The events by the payload type they are stored under (their class name). */
    private static final Map<String, Class<? extends MeetingEvent>> BY_STORED_TYPE = MeetingEventTypes.all().stream()
            .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    /** The revision an event is stored with: its schema version; none for what is not an event. */
    static String revisionOf(Class<?> payloadType) {
        return MeetingEvent.class.isAssignableFrom(payloadType)
                ? String.valueOf(MeetingEventTypes.schemaVersionOf(payloadType.asSubclass(MeetingEvent.class)))
                : null;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation stored) {
        return eventType(stored).filter(type -> storedVersion(type, stored) < MeetingEventTypes.schemaVersionOf(type))
                .isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
        Class<? extends MeetingEvent> type = eventType(stored).orElseThrow();
        int version = storedVersion(type, stored);
        return stored.upcastPayload(
                new SimpleSerializedType(type.getName(), String.valueOf(MeetingEventTypes.schemaVersionOf(type))),
                JsonNode.class, data -> MeetingEventUpcasts.toCurrent(type, version, (ObjectNode) data.deepCopy()));
    }

    private static Optional<Class<? extends MeetingEvent>> eventType(IntermediateEventRepresentation stored) {
        return Optional.ofNullable(BY_STORED_TYPE.get(stored.getType().getName()));
    }

    private static int storedVersion(Class<? extends MeetingEvent> type, IntermediateEventRepresentation stored) {
        String revision = stored.getType().getRevision();
        return revision == null ? BEFORE_REVISIONS.getOrDefault(type, 1) : Integer.parseInt(revision);
    }
}
