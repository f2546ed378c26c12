package de.participation.query.webhooks;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.participation.web.keys.WrappedKey;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The secrets a subscription's deliveries are signed with, as stored: the {@code current} one and,
 * while a rotation lasts, the {@code previous} one until {@code previousUntil}. Each is sealed under
 * the query service's key-encryption key, bound to the subscription's id ({@link WebhookSecrets}).
 * Only a secret stored by an earlier version, before secrets were sealed, is {@code inClear} (and
 * {@code current} is then null) until {@link SecretsUpkeep} seals it. {@code version} counts the
 * changes (0: none since sealing existed), so that a change decided on an older read is not written.
 */
record SigningSecrets(WrappedKey current, String inClear, WrappedKey previous, Instant previousUntil, long version) {

    /** Where earlier versions kept the secret, in clear. */
    private static final String IN_CLEAR = "secret";
    private static final String CURRENT = "sealedSecret";
    private static final String PREVIOUS = "previousSecret";
    private static final String VERSION = "secretsVersion";

    static SigningSecrets of(WrappedKey current) {
        return new SigningSecrets(current, null, null, null, 0);
    }

    /** Whether the previous secret still signs deliveries sent at {@code at}. */
    boolean previousSignsAt(Instant at) {
        return previous != null && at.isBefore(previousUntil);
    }

    SigningSecrets withoutPrevious() {
        return new SigningSecrets(current, inClear, null, null, version);
    }

    /** The fields of a new subscription's document. */
    Document appendTo(Document document) {
        return document.append(CURRENT, sealed(current)).append(VERSION, version + 1);
    }

    static SigningSecrets of(Document document) {
        Document previous = document.get(PREVIOUS, Document.class);
        return new SigningSecrets(wrapped(document.get(CURRENT, Document.class)), document.getString(IN_CLEAR),
                wrapped(previous), previous == null ? null : previous.getDate("until").toInstant(),
                document.get(VERSION, 0L));
    }

    /** Matches the subscription's document only while its secrets are still those read here. */
    Bson unchanged() {
        return version == 0 ? Filters.exists(VERSION, false) : Filters.eq(VERSION, version);
    }

    /** Writes these secrets, sealed, in place of those read ({@link #unchanged}): the secret in clear is gone. */
    Bson update() {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set(CURRENT, sealed(current)), Updates.unset(IN_CLEAR),
                Updates.set(VERSION, version + 1)));
        updates.add(previous == null ? Updates.unset(PREVIOUS)
                : Updates.set(PREVIOUS, sealed(previous).append("until", Date.from(previousUntil))));
        return Updates.combine(updates);
    }

    private static Document sealed(WrappedKey key) {
        return new Document("kek", key.kekId()).append("bytes", new Binary(key.bytes()));
    }

    private static WrappedKey wrapped(Document sealed) {
        return sealed == null ? null : new WrappedKey(sealed.getString("kek"), sealed.get("bytes", Binary.class).getData());
    }
}
