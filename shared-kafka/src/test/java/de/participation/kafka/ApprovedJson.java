package de.participation.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * Approved-snapshot check: the JSON must equal the reviewed file under
 * {@code src/test/resources/approved}. On a difference the actual JSON is written beside it as
 * {@code *.received.json}; a reviewer who accepts the change renames it to {@code *.approved.json}.
 */
final class ApprovedJson {

    private static final Path DIRECTORY = Path.of("src/test/resources/approved");
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private ApprovedJson() {
    }

    /**
     * The name of the approved file of {@code type} at schema {@code version}: the version first
     * approved is {@code <type>.approved.json}, each later one {@code <type>.v<version>.approved.json},
     * so that the files of earlier versions stay as they were approved.
     */
    static String nameOf(String type, int version) throws IOException {
        Path first = DIRECTORY.resolve(type + ".approved.json");
        boolean firstIsThisVersion = !Files.exists(first)
                || PRETTY.readTree(first.toFile()).path("schemaversion").asInt(1) == version;
        return firstIsThisVersion ? type : type + ".v" + version;
    }

    /** The approved JSON of {@code name}. */
    static String read(String name) throws IOException {
        return Files.readString(DIRECTORY.resolve(name + ".approved.json"));
    }

    static void verify(String name, String json) throws IOException {
        String actual = PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(json)) + "\n";
        Path approved = DIRECTORY.resolve(name + ".approved.json");
        Path received = DIRECTORY.resolve(name + ".received.json");
        if (Files.exists(approved) && Files.readString(approved).equals(actual)) {
            Files.deleteIfExists(received);
            return;
        }
        Files.writeString(received, actual);
        fail("Wire format of %s differs from %s; review %s and rename it if the change is intended"
                .formatted(name, approved, received));
    }
}
