package de.participation.query.web;

/** A rebuild was asked for while another one runs. */
public class RebuildInProgressException extends RuntimeException {

    public RebuildInProgressException(String rebuildId) {
        super("Rebuild " + rebuildId + " is still running", null, false, false);
    }
}
