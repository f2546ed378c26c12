package de.participation.web.strict;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies mean exactly what they say: a duplicated key, a number where text belongs (or the
 * other way round), {@code 1} for {@code true}, an epoch number for an instant, or an enum by its
 * index, an id with blanks around it are refused with 400 instead of being guessed at. The contract (API.md) names each field's
 * JSON type; a lenient parser would accept what another client, or an attacker, meant differently.
 */
final class StrictJson {

    private static final List<CoercionInputShape> NOT_TEXT = List.of(CoercionInputShape.Integer,
            CoercionInputShape.Float, CoercionInputShape.Boolean);
    private static final List<CoercionInputShape> NOT_A_NUMBER = List.of(CoercionInputShape.String,
            CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
    private static final List<CoercionInputShape> NOT_A_BOOLEAN = List.of(CoercionInputShape.Integer,
            CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.EmptyString);
    private static final List<CoercionInputShape> NOT_AN_INSTANT = List.of(CoercionInputShape.Integer,
            CoercionInputShape.Float, CoercionInputShape.EmptyString);

    private StrictJson() {
    }

    static void configure(Jackson2ObjectMapperBuilder builder) {
        builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        builder.deserializerByType(UUID.class, new CanonicalUuidDeserializer());
        builder.deserializerByType(OffsetDateTime.class, new TextOnly<>(OffsetDateTime.class,
                InstantDeserializer.OFFSET_DATE_TIME));
        builder.postConfigurer(StrictJson::refuseCoercions);
    }

    /** Jackson's own UUID reading trims the text first. */
    private static final class CanonicalUuidDeserializer extends StdScalarDeserializer<UUID> {

        CanonicalUuidDeserializer() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (UUID) context.handleUnexpectedToken(UUID.class, parser);
            }
            try {
                return CanonicalUuid.parse(parser.getText());
            } catch (IllegalArgumentException notCanonical) {
                return (UUID) context.handleWeirdStringValue(UUID.class, parser.getText(), notCanonical.getMessage());
            }
        }
    }

    /**
     * The java.time readers take a number as seconds since 1970 whatever the coercion settings say;
     * an instant in a request is ISO-8601 text.
     */
    private static final class TextOnly<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<T> reader;

        TextOnly(Class<T> type, JsonDeserializer<T> reader) {
            super(type);
            this.reader = reader;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            return reader.deserialize(parser, context);
        }
    }

    private static void refuseCoercions(ObjectMapper mapper) {
        NOT_TEXT.forEach(shape -> mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail));
        NOT_A_NUMBER.forEach(shape -> {
            mapper.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Float).setCoercion(shape, CoercionAction.Fail);
        });
        NOT_A_BOOLEAN.forEach(shape -> mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(shape, CoercionAction.Fail));
        NOT_AN_INSTANT.forEach(shape -> mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(shape, CoercionAction.Fail));
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
}
