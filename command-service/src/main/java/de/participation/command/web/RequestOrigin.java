package de.participation.command.web;

import de.participation.command.EventMetadata;
import de.participation.web.security.Roles;
import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.Set;

/**
 * Who asked for a command and which request it belongs to. {@code issuedBy} (the authenticated
 * caller) and the correlation id travel as metadata on the command and from there onto every event
 * it causes, so an auditor can tell who asked for each change. {@code organisation} is the one an
 * organiser's token acts for (null for other callers); {@code authorities} are the caller's roles.
 */
public record RequestOrigin(String correlationId, String issuedBy, String organisation, Set<String> authorities) {

    boolean hasRole(String role) {
        return authorities.contains(Roles.authority(role));
    }

    MetaData asMetaData() {
        return MetaData.from(Map.of(EventMetadata.CORRELATION_ID, correlationId, EventMetadata.ISSUED_BY, issuedBy));
    }

    /** The organisation an organiser acts for; an organiser token without one may not run meetings. */
    String requireOrganisation() {
        if (organisation == null) {
            throw new NoOrganisationException();
        }
        return organisation;
    }

    static class NoOrganisationException extends RuntimeException {
        NoOrganisationException() {
            super("The token names no organisation to act for", null, false, false);
        }
    }
}
