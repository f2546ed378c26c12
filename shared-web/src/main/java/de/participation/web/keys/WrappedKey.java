package de.participation.web.keys;

/**
 * A key wrapped by a key-encryption key.
 *
 * @param kekId the id of the key-encryption key that wrapped it
 * @param bytes the wrapped key, as the {@link KeyEncryptionKeys} implementation makes it
 */
public record WrappedKey(String kekId, byte[] bytes) {
}
