package de.participation.query.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import de.participation.web.privacy.KeyedHash;
import de.participation.web.privacy.ScanTrailEntry;
import org.bson.Document;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail of the personal-data scans this service answered, in the collection
 * {@value #COLLECTION}: each scan is recorded before it runs, so that none goes unrecorded. An
 * entry's {@code _id} begins with the microseconds of its time, zero-padded (and a random part that
 * keeps two instances' entries apart), so that the trail is read newest first through {@code _id}
 * alone, the one index every collection has.
 */
@Component
class ScanTrail {

    static final String COLLECTION = "personal_data_scan_trail";

    private final MongoCollection<Document> collection;
    private final KeyedHash hash;
    private final Clock clock;
    /** The microseconds of this instance's last entry: its entries' ids grow even within a microsecond. */
    private final AtomicLong lastMicros = new AtomicLong();

    ScanTrail(MongoDatabase database, KeyedHash hash, Clock clock) {
        this.collection = database.getCollection(COLLECTION);
        this.hash = hash;
        this.clock = clock;
    }

    void record(Jwt caller, String address) {
        Instant now = clock.instant();
        long micros = lastMicros.updateAndGet(last -> Math.max(last + 1, ChronoUnit.MICROS.between(Instant.EPOCH, now)));
        ScanTrailEntry entry = ScanTrailEntry.of("%016d-%s".formatted(micros, UUID.randomUUID()), now, caller,
                ScanTrailEntry.SCAN, address, hash);
        collection.insertOne(new Document("_id", entry.id()).append("at", Date.from(entry.at()))
                .append("subject", entry.subject()).append("name", entry.name()).append("request", entry.request())
                .append("addressHash", entry.addressHash()));
    }

    /** The entries from {@code offset} on, at most {@code limit}, newest first. */
    List<ScanTrailEntry> newestFirst(int offset, int limit) {
        return collection.find().sort(Sorts.descending("_id")).skip(offset).limit(limit)
                .map(document -> new ScanTrailEntry(document.getString("_id"), document.getDate("at").toInstant(),
                        document.getString("subject"), document.getString("name"), document.getString("request"),
                        document.getString("addressHash")))
                .into(new ArrayList<>());
    }

    long total() {
        return collection.countDocuments();
    }
}
