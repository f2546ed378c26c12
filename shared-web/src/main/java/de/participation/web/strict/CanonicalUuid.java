package de.participation.web.strict;

import java.util.UUID;
import java.util.regex.Pattern;

/** A UUID in its canonical 36-character form, nothing around it (Java's and Jackson's parsers trim or widen). */
final class CanonicalUuid {

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CanonicalUuid() {
    }

    static UUID parse(String text) {
        if (!CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a UUID in canonical form");
        }
        return UUID.fromString(text);
    }
}
