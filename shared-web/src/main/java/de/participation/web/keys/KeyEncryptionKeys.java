package de.participation.web.keys;

/**
 * Key-encryption keys (KEKs): they wrap the keys that are stored beside the data, so that the
 * database, or a backup of it, opens nothing without them. Each KEK has an id, stored with every
 * key it wrapped; the current one wraps new keys, older ones are held until every key has been
 * re-wrapped under the current one, and may then be destroyed.
 * <p>
 * {@link KeyEncryptionKeyFile} holds them in a file or a setting. A key management system or a
 * hardware security module implements this interface through its standard API, and the KEK then
 * never leaves it: PKCS#11 ({@code C_WrapKey}/{@code C_UnwrapKey}, or {@code C_Encrypt}/
 * {@code C_Decrypt} with AES-GCM, from Java through the JDK's SunPKCS11 provider), or a cloud
 * KMS's Encrypt/Decrypt API with the context as its additional authenticated data or encryption
 * context (AWS KMS, Google Cloud KMS, Azure Key Vault's wrapKey/unwrapKey, HashiCorp Vault's
 * Transit engine). The KEK id is then the key's name or version there.
 */
public interface KeyEncryptionKeys {

    /** The id of the KEK that {@link #wrap} uses. */
    String currentId();

    /**
     * Wraps {@code dataKey} under the current KEK, bound to {@code context} (for instance the id of
     * the row the key belongs to), so that the wrapped key does not open anywhere else.
     */
    WrappedKey wrap(byte[] dataKey, byte[] context);

    /**
     * @throws UnknownKeyEncryptionKeyException if the KEK named by {@code wrapped} is not held
     * @throws WrappedKeyMismatchException      if {@code wrapped} was not wrapped for {@code context},
     *                                          or was altered
     */
    byte[] unwrap(WrappedKey wrapped, byte[] context);

    /** Whether the KEK {@code kekId} is held, so keys wrapped under it can be unwrapped. */
    boolean holds(String kekId);
}
