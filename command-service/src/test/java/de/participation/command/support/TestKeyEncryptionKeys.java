package de.participation.command.support;

import de.participation.web.keys.KeyEncryptionKeyFile;

import java.util.List;

/**
 * The key-encryption key of the tests' services: one for the test JVM, so that an instance started
 * again on a database of an earlier one opens its keys, as a redeployed service with the same KEK
 * file would.
 */
public final class TestKeyEncryptionKeys {

    public static final String PROPERTY = "participation.personal-data.key-encryption-keys.value";
    /** The KEK file's content, as the setting's value. */
    public static final String VALUE = KeyEncryptionKeyFile.newEntry("test-kek");

    private TestKeyEncryptionKeys() {
    }

    /** The command-line arguments that give a service {@link #VALUE}. */
    public static List<String> arguments() {
        return List.of("--" + PROPERTY + "=" + VALUE);
    }
}
