package de.participation.web.security;

import java.util.Locale;

/** The roles of the system, as they appear in tokens (lower case) and as authorities. */
public final class Roles {

    /** The portal (a client): registers and cancels, reads one registration. */
    public static final String PORTAL = "portal";
    /** Schedules meetings and runs them, for their own organisation only. */
    public static final String ORGANISER = "organiser";
    /** Reads history and past state of every meeting; changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Runs the projections (status, rebuild). */
    public static final String OPERATOR = "operator";
    /**
     * The data protection officer: scans the services for a person's data (which tells whether an
     * address is registered anywhere) and reads the trail of those scans; reads no participants.
     */
    public static final String DATA_PROTECTION = "data-protection";
    /** Scrapes the services' metrics ({@code /actuator/prometheus}); reads nothing else. */
    public static final String MONITORING = "monitoring";

    private Roles() {
    }

    /** The Spring Security authority name of a role: {@code ROLE_ORGANISER}. */
    public static String authority(String role) {
        return "ROLE_" + role.toUpperCase(Locale.ROOT);
    }
}
