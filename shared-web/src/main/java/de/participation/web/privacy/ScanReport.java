package de.participation.web.privacy;

import java.util.List;

/**
 * What a scan for one person found.
 *
 * @param meetingsHashed in how many meetings the address's hash was looked for (every meeting ever scheduled)
 * @param scanned        each store or topic family read, how many rows or records, and whether wholly
 * @param findings       where a trace of the person was found (at most {@link #MAX_FINDINGS})
 * @param clean          whether everything was read and nothing found
 */
public record ScanReport(int meetingsHashed, List<Scanned> scanned, List<Finding> findings, boolean clean) {

    static final int MAX_FINDINGS = 1_000;

    /** A trace of a person: their address in clear, or a hash of it. */
    public enum Trace { ADDRESS, EMAIL_HASH }

    /** A store that was read. */
    public record Scanned(String store, long items, boolean complete) {
    }

    /** A trace of the person, and where it is: a table, or a topic's partition and offset. */
    public record Finding(String store, String location, Trace trace) {
    }

    public static ScanReport of(int meetingsHashed, List<Scanned> scanned, List<Finding> findings) {
        return new ScanReport(meetingsHashed, scanned, findings.stream().limit(MAX_FINDINGS).toList(),
                findings.isEmpty() && scanned.stream().allMatch(Scanned::complete));
    }
}
