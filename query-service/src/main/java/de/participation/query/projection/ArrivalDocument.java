package de.participation.query.projection;

import org.bson.Document;

import java.util.UUID;

/**
 * A document of the {@value ReadModelStore#ARRIVAL_ORDER} collection: a meeting's registrations in
 * the order they arrived, in chunks addressed by {@code _id}, and the index that counts each
 * chunk's statuses. Lists and their totals are read through them by {@code _id} only, so that a
 * page costs the same whether the store holds a thousand registrations or a million.
 *
 * <p>Like every read model, each records the sequence of the last event of its meeting applied to
 * it and ignores anything not newer.
 */
abstract sealed class ArrivalDocument permits ArrivalChunk, ArrivalIndex {

    private long sequence = -1;
    /** The store this document was written for: see {@link KnownDocuments#forStore}. */
    private String store;

    abstract String id();

    abstract Document toDocument();

    /** The sequence of the last event of the meeting applied to this document. */
    long sequence() {
        return sequence;
    }

    void applied(long sequence) {
        this.sequence = sequence;
    }

    String store() {
        return store;
    }

    void writtenFor(String store) {
        this.store = store;
    }

    static ArrivalDocument from(Document document) {
        return document.getString("_id").equals(ArrivalIndex.idOf(UUID.fromString(document.getString("meetingId"))))
                ? ArrivalIndex.from(document) : ArrivalChunk.from(document);
    }
}
