package de.participation.query.web;

/** The caller already holds as many of something as one may: answered with 409 LIMIT_REACHED. */
public class LimitReachedException extends RuntimeException {

    public LimitReachedException(String message) {
        super(message, null, false, false);
    }
}
