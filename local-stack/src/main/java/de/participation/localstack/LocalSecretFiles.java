package de.participation.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The key files the local stack makes for itself under DATA_DIR, where in production the operator
 * provides them: made once, readable by their owner only from their first byte, complete or absent,
 * and kept afterwards, since what they protect stays protected by them.
 */
final class LocalSecretFiles {

    private LocalSecretFiles() {
    }

    /** {@code file}, made with {@code content} unless it exists. */
    static Path madeOnce(Path file, Supplier<String> content) {
        Path absolute = file.toAbsolutePath();
        try {
            if (!Files.exists(absolute)) {
                Files.createDirectories(absolute.getParent());
                Path fresh = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(fresh, content.get());
                Files.move(fresh, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the key file " + absolute, e);
        }
    }
}
