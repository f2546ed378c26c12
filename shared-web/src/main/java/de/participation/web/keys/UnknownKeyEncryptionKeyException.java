package de.participation.web.keys;

/** A wrapped key names a key-encryption key that is not held (not yet introduced, or destroyed). */
public class UnknownKeyEncryptionKeyException extends RuntimeException {

    private final String kekId;

    public UnknownKeyEncryptionKeyException(String kekId) {
        super("The key-encryption key " + kekId + " is not held");
        this.kekId = kekId;
    }

    public String kekId() {
        return kekId;
    }
}
