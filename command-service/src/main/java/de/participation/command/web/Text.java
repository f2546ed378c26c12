package de.participation.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Free text from requests, normalised before validation and before it enters the immutable
 * history: surrounding white space is dropped everywhere, and a blank optional field means
 * "not given".
 */
final class Text {

    private Text() {
    }

    /** Trims every JSON string as it is read, so that validation sees what will be stored. */
    static SimpleModule trimmingModule() {
        return new SimpleModule("trim-strings").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                return value == null ? null : value.trim();
            }
        });
    }

    static String optional(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
