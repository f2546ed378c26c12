package de.participation.localstack;

import de.participation.web.keys.KeyEncryptionKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class LocalKeyEncryptionKeysTest {

    @TempDir
    Path dataDirectory;

    @Test
    void makesAKekFileOnlyItsOwnerCanReadAtTheFirstStartAndKeepsItAfterwards() throws IOException {
        Path file = Path.of(LocalKeyEncryptionKeys.environment(dataDirectory).get("PARTICIPANT_KEKS_FILE"));
        String made = Files.readString(file);

        assertThat(file).isEqualTo(dataDirectory.resolve("key-encryption-keys").toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyEncryptionKeyFile.read(file).currentId()).isEqualTo("local-1");
        assertThat(LocalKeyEncryptionKeys.environment(dataDirectory)).containsValue(file.toString());
        assertThat(Files.readString(file)).as("the KEK of the first start, kept").isEqualTo(made);
        try (var files = Files.list(dataDirectory)) {
            assertThat(files).containsExactly(file);
        }
    }
}
