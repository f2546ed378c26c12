package de.participation.command.web;

import de.participation.command.EventMetadata;
import org.axonframework.messaging.MetaData;

import java.util.Map;

/**
 * Who asked for a command and which request it belongs to. Both travel as metadata on the command
 * and from there onto every event it causes, so an auditor can tell who asked for each change.
 */
public record RequestOrigin(String correlationId, String issuedBy) {

    MetaData asMetaData() {
        return MetaData.from(Map.of(EventMetadata.CORRELATION_ID, correlationId, EventMetadata.ISSUED_BY, issuedBy));
    }
}
