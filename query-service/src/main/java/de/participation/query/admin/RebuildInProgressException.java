package de.participation.query.admin;

/** A rebuild was asked for while another one runs. */
public class RebuildInProgressException extends RuntimeException {

    RebuildInProgressException(String rebuildId) {
        super("Rebuild " + rebuildId + " is still running", null, false, false);
    }
}
