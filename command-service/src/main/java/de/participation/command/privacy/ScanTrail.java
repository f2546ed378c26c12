package de.participation.command.privacy;

import de.participation.web.privacy.KeyedHash;
import de.participation.web.privacy.ScanTrailEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * The audit trail of the personal-data scans this service answered, in PostgreSQL: every scan and
 * every request for an address's hashes is recorded before it is answered, so that none goes
 * unrecorded. The data protection officer and auditors read it, newest first.
 */
@Component
public class ScanTrail {

    private final JdbcTemplate jdbc;
    private final KeyedHash hash;
    private final Clock clock = Clock.systemUTC();

    ScanTrail(JdbcTemplate jdbc, KeyedHash hash) {
        this.jdbc = jdbc;
        this.hash = hash;
    }

    /** Records that {@code caller} asked {@code request} (a {@link ScanTrailEntry} kind) about {@code address}. */
    public void record(Jwt caller, String request, String address) {
        ScanTrailEntry entry = ScanTrailEntry.of(null, clock.instant(), caller, request, address, hash);
        jdbc.update("insert into personal_data_scan_trail (at, subject, name, request, address_hash) values (?, ?, ?, ?, ?)",
                Timestamp.from(entry.at()), entry.subject(), entry.name(), entry.request(), entry.addressHash());
    }

    /** The entries from {@code offset} on, at most {@code limit}, newest first. */
    public List<ScanTrailEntry> newestFirst(int offset, int limit) {
        return jdbc.query("""
                        select id, at, subject, name, request, address_hash from personal_data_scan_trail
                        order by id desc offset ? limit ?""",
                (row, number) -> new ScanTrailEntry(Long.toString(row.getLong("id")),
                        row.getTimestamp("at").toInstant(), row.getString("subject"), row.getString("name"),
                        row.getString("request"), row.getString("address_hash")),
                offset, limit);
    }

    public long total() {
        return jdbc.queryForObject("select count(*) from personal_data_scan_trail", Long.class);
    }
}
