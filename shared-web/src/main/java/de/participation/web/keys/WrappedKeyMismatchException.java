package de.participation.web.keys;

/**
 * A wrapped key does not open under its key-encryption key with the given context: it was wrapped
 * for another context (moved to another row), or altered. The cause is the cipher's
 * {@link javax.crypto.AEADBadTagException}.
 */
public class WrappedKeyMismatchException extends RuntimeException {

    public WrappedKeyMismatchException(String kekId, Throwable cause) {
        super("A key wrapped under " + kekId + " does not belong to this context, or was altered", cause);
    }
}
