package de.participation.web.privacy;

import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.Locale;

/**
 * One entry of a service's audit trail of personal-data scans: when, who asked (the token's
 * subject, and its {@code preferred_username} or {@code name} if it has one), what ({@link #SCAN},
 * or {@link #EMAIL_HASHES} for the read side's scan), and the keyed hash of the address asked about,
 * never the address. With the service's key, whoever holds a given address can tell whether it was
 * asked about; the trail alone cannot be checked against a list of guessed addresses.
 *
 * @param id a unique, opaque id of the entry
 */
public record ScanTrailEntry(String id, Instant at, String subject, String name, String request, String addressHash) {

    public static final String SCAN = "scan";
    public static final String EMAIL_HASHES = "email-hashes";
    private static final String PURPOSE = "personal-data-scan";

    /** The entry for {@code caller} asking {@code request} about {@code address} at {@code at}. */
    public static ScanTrailEntry of(String id, Instant at, Jwt caller, String request, String address, KeyedHash hash) {
        String name = caller.hasClaim("preferred_username") ? caller.getClaimAsString("preferred_username")
                : caller.getClaimAsString("name");
        return new ScanTrailEntry(id, at, caller.getSubject(), name, request,
                hash.of(PURPOSE, address.trim().toLowerCase(Locale.ROOT)));
    }
}
