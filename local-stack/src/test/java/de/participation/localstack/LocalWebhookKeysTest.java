package de.participation.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class LocalWebhookKeysTest {

    @Test
    void theFileIsMadeOnceForItsOwnerOnlyWithOneKeyOfThirtyTwoBytesAndKeptAfterwards(@TempDir Path data) throws IOException {
        Path file = LocalWebhookKeys.in(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String entry = Files.readAllLines(file).stream().filter(line -> !line.startsWith("#")).findFirst().orElseThrow();
        assertThat(entry).startsWith(LocalWebhookKeys.ID + ":");
        assertThat(Base64.getDecoder().decode(entry.substring(entry.indexOf(':') + 1))).hasSize(32);
        String made = Files.readString(file);
        assertThat(Files.readString(LocalWebhookKeys.in(data))).as("at the next start").isEqualTo(made);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("nothing left over").containsExactly(file);
        }
    }
}
