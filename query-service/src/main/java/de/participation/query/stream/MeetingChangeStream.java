package de.participation.query.stream;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import de.participation.query.background.BackgroundLoop;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.ReadModelStore;
import org.bson.BsonDocument;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells the streams of this instance when a meeting's read model changed, whichever instance
 * projected it, from MongoDB's change stream of the live generation's meetings collection: the
 * server pushes each change once it is written, so nothing is polled. It relies on nothing that
 * only a real MongoDB gives: it watches the one collection (the stand-in's change documents name
 * none) and takes the document as looked up after the change (so a replace and an update are
 * alike). After a failure it resumes after the last change it delivered, so none is lost; when the
 * server no longer has that change (ChangeStreamHistoryLost) it starts a fresh stream and sends
 * every meeting's current state, once, so nothing stays stale. When a rebuild switches the live
 * generation, it follows the new collection, again with the current state. Needs a replica set, or
 * the stand-in with its oplog; without change streams {@link PollingMeetingChangeWatcher} runs
 * instead.
 */
@Component
@ConditionalOnProperty(name = "participation.mongodb.change-streams", havingValue = "true", matchIfMissing = true)
class MeetingChangeStream extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(MeetingChangeStream.class);
    /** MongoDB's ChangeStreamHistoryLost: the change to resume after is gone from the oplog. */
    static final int HISTORY_LOST = 286;
    /** How long the server holds a request for changes open: bounds how long a stop waits. */
    private static final Duration AWAIT = Duration.ofMillis(500);

    private final MongoDatabase database;
    private final LiveReadModels readModels;
    private final CapacityStreams streams;
    private ReadModelStore watched;
    private BsonDocument resumeToken;
    /** Whether the streams get every meeting's current state once the next stream is open. */
    private boolean retell;

    MeetingChangeStream(MongoDatabase database, LiveReadModels readModels, CapacityStreams streams) {
        super("meeting-change-stream");
        this.database = database;
        this.readModels = readModels;
        this.streams = streams;
    }

    @Override
    protected void work() {
        ReadModelStore live = readModels.live();
        if (watched == null || live.generation() != watched.generation()) {
            retell = watched != null; // a rebuild switched the live generation
            watched = live;
            resumeToken = null;
        }
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes =
                     open(database.getCollection(watched.meetingsCollectionName()), resumeToken)) {
            if (retell) {
                tellCurrentState(); // once the new stream is open, so that no change falls in between
                retell = false;
            }
            while (running() && readModels.live().generation() == watched.generation()) {
                ChangeStreamDocument<Document> change = changes.tryNext();
                if (change != null) {
                    resumeToken = change.getResumeToken();
                    tell(change.getFullDocument());
                }
            }
        } catch (MongoException failure) {
            if (failure.getCode() != HISTORY_LOST) {
                throw failure; // resumed after a pause, from the last change delivered
            }
            log.warn("The change to resume after is gone from MongoDB's oplog: a fresh stream, and every meeting's current state");
            resumeToken = null;
            retell = true;
        }
    }

    /** Inserts, updates and replacements of {@code meetings}, after {@code resumeAfter} if given: the driver's side. */
    MongoChangeStreamCursor<ChangeStreamDocument<Document>> open(MongoCollection<Document> meetings,
                                                                  BsonDocument resumeAfter) {
        var stream = meetings.watch(List.of(Aggregates.match(
                        Filters.in("operationType", List.of("insert", "update", "replace")))))
                .fullDocument(FullDocument.UPDATE_LOOKUP)
                .maxAwaitTime(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        return (resumeAfter == null ? stream : stream.resumeAfter(resumeAfter)).cursor();
    }

    private void tell(Document meeting) {
        if (meeting != null) { // deleted since the change
            watched.meetingIn(watched.meetingsCollectionName(), meeting).ifPresent(read -> streams.changed(List.of(read)));
        }
    }

    private void tellCurrentState() {
        List<MeetingReadModel> meetings = watched.all(ReadModelStore.MEETINGS).values().stream()
                .flatMap(document -> watched.meetingIn(watched.meetingsCollectionName(), document).stream())
                .toList();
        streams.changed(meetings);
    }
}
