package de.participation.web.privacy;

import de.participation.web.privacy.ScanReport.Trace;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a scan for one person looks for in any text: their address in clear, in any case, and the
 * hashes by which the key service would recognise it (a hash is 43 characters of base64url; it is
 * looked for at every place of every such run of characters, so that one inside a longer value is
 * found too).
 */
public final class ScanTarget {

    private static final int HASH_LENGTH = 43;

    private final String address;
    private final Set<String> hashes;

    public ScanTarget(String address, Collection<String> hashes) {
        this.address = address.trim().toLowerCase(Locale.ROOT);
        this.hashes = Set.copyOf(hashes);
    }


    /** The traces of the person in {@code text}; empty if there are none. */
    public Set<Trace> tracesIn(String text) {
        Set<Trace> found = EnumSet.noneOf(Trace.class);
        if (text.toLowerCase(Locale.ROOT).contains(address)) {
            found.add(Trace.ADDRESS);
        }
        if (containsHash(text)) {
            found.add(Trace.EMAIL_HASH);
        }
        return found;
    }

    private boolean containsHash(String text) {
        int runStart = 0;
        for (int at = 0; at <= text.length(); at++) {
            if (at < text.length() && isBase64Url(text.charAt(at))) {
                continue;
            }
            for (int start = runStart; start + HASH_LENGTH <= at; start++) {
                if (hashes.contains(text.substring(start, start + HASH_LENGTH))) {
                    return true;
                }
            }
            runStart = at + 1;
        }
        return false;
    }

    private static boolean isBase64Url(char character) {
        return character >= 'A' && character <= 'Z' || character >= 'a' && character <= 'z'
                || character >= '0' && character <= '9' || character == '-' || character == '_';
    }
}
