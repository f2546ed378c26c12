package de.participation.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingEventTypes;
import de.participation.events.UnreadableEventException;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON wire format of {@link MeetingEventEnvelope}s. Reading ignores unknown fields, because
 * events evolve by new optional fields and an older consumer must still read a newer event.
 */
public final class MeetingEventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .addMixIn(MeetingEventEnvelope.class, OptionalAttributes.class)
            .build();

    /**
     * The envelope's optional extension attributes are left out when absent, so that an untraced
     * event keeps exactly the wire format approved before {@code traceparent} existed.
     */
    private interface OptionalAttributes {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String traceparent();
    }

    private MeetingEventJson() {
    }

    /** A mapper configured for the event records, for code that embeds events in other JSON. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static String write(MeetingEventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be written as JSON: " + envelope.type(), e);
        }
    }

    /**
     * Only the event's class, from its {@code type}, without reading the rest: for a consumer that
     * needs the whole event only for some types. Empty for JSON that is broken, is not an object,
     * or names no type this version knows ({@link #read} says why).
     */
    public static Optional<Class<? extends MeetingEvent>> classOf(String json) {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                    return MeetingEventTypes.classOf(parser.getText());
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException broken) {
            return Optional.empty();
        }
    }

    /**
     * Reads an envelope; data of an earlier schema version is brought to the current one
     * ({@link MeetingEventUpcasts}), and the envelope says so.
     *
     * @throws UnreadableEventException if the JSON is broken, lacks a required attribute, or names
     *                                  a type or schema version this version does not read
     */
    public static MeetingEventEnvelope read(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode node)) {
            throw new UnreadableEventException("not a JSON object");
        }
        String type = requiredText(node, "type");
        Class<? extends MeetingEvent> eventClass = MeetingEventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEventException("unknown event type " + type));
        int schemaVersion = node.path("schemaversion").asInt(1);
        if (!(required(node, "data") instanceof ObjectNode written)) {
            throw new UnreadableEventException("malformed " + type + ": data is not an object");
        }
        ObjectNode current = MeetingEventUpcasts.toCurrent(eventClass, schemaVersion, written);
        try {
            MeetingEvent data = MAPPER.treeToValue(current, eventClass);
            return new MeetingEventEnvelope(
                    requiredText(node, "specversion"),
                    requiredText(node, "id"),
                    requiredText(node, "source"),
                    type,
                    requiredText(node, "subject"),
                    MAPPER.treeToValue(required(node, "time"), Instant.class),
                    node.path("datacontenttype").asText(MeetingEventEnvelope.CONTENT_TYPE),
                    required(node, "sequence").asLong(),
                    node.path("correlationid").asText(null),
                    node.path("issuedby").asText(null),
                    node.path("traceparent").asText(null),
                    // the data now has the current shape: written again, it must not be upcast twice
                    MeetingEventTypes.schemaVersionOf(eventClass),
                    data);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("malformed " + type + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new UnreadableEventException("missing attribute " + field);
        }
        return value;
    }

    private static String requiredText(ObjectNode node, String field) {
        return required(node, field).asText();
    }
}
