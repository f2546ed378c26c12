package de.participation.query.personaldata;

/** The command service could not open the participants a read needs; the read may be retried. */
public class PersonalDataUnavailableException extends RuntimeException {

    PersonalDataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
