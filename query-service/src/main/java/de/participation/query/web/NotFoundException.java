package de.participation.query.web;

/** An unknown meeting or registration: answered with 404 NOT_FOUND. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
