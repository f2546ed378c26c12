package de.participation.localstack;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service's OpenAPI description as checked in under docs/openapi/ (docs/openapi.md): the tests
 * compare what the running service serves at {@code /v3/api-docs} with it, so that every change of
 * the API is a reviewed diff; with {@code -Dopenapi.update=true} they write it instead.
 */
public final class CheckedInApiDescription {

    /** The system property that makes the tests write the served description into the file. */
    public static final String UPDATE = "openapi.update";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One value per line, two spaces deep, "key": value: short diffs that read well in a review. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private final Path file;

    /** @param service the service's module name, which names its file: {@code docs/openapi/<service>.json} */
    public CheckedInApiDescription(String service) {
        // Tests run in the module's directory, one below the project's.
        this.file = Path.of("..", "docs", "openapi", service + ".json");
    }

    /**
     * Checks the description the service on {@code port} serves against the checked-in one, or writes it there when
     * {@value #UPDATE} is true. Fails with the command that updates it.
     */
    public void check(int port) {
        JsonHttp.Response served = new JsonHttp(port).get("/v3/api-docs");
        if (served.status() != 200) {
            throw new AssertionError("/v3/api-docs answered " + served.status() + ": " + served.raw().body());
        }
        String pretty = pretty(served.body());
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, pretty, StandardCharsets.UTF_8);
                return;
            }
            String checkedIn = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!checkedIn.equals(pretty)) {
                throw new AssertionError("The API description the service serves differs from " + file.normalize()
                        + ". If the API change is intended, write the new description with -D" + UPDATE
                        + "=true on this test (docs/openapi.md), review the diff and commit it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The form the description is checked in in, as the tests of the contract read it too. */
    public static String pretty(JsonNode description) {
        try {
            return JSON.writer(PRETTY).writeValueAsString(description) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
