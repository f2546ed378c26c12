package de.participation.query.stream;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import de.participation.query.background.BackgroundLoop;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.ReadModelStore;
import org.bson.BsonDocument;
import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells the streams of this instance when a meeting's read model changed, whichever instance
 * projected it, from MongoDB's change stream of the meetings' documents: the server pushes each
 * change once it is written, so nothing is polled. After a failure (the server briefly away) the
 * stream resumes after the last change it delivered, so none is lost. Needs a replica set
 * (production, docker-compose); without change streams {@link PollingMeetingChangeWatcher} runs
 * instead.
 */
@Component
@ConditionalOnProperty(name = "participation.mongodb.change-streams", havingValue = "true", matchIfMissing = true)
class MeetingChangeStream extends BackgroundLoop {

    /** How long the server holds a request for changes open: bounds how long a stop waits. */
    private static final Duration AWAIT = Duration.ofMillis(500);

    private final MongoDatabase database;
    private final LiveReadModels readModels;
    private final CapacityStreams streams;
    private BsonDocument resumeToken;

    MeetingChangeStream(MongoDatabase database, LiveReadModels readModels, CapacityStreams streams) {
        super("meeting-change-stream");
        this.database = database;
        this.readModels = readModels;
        this.streams = streams;
    }

    @Override
    protected void work() {
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = open()) {
            while (running()) {
                ChangeStreamDocument<Document> change = changes.tryNext();
                if (change != null) {
                    resumeToken = change.getResumeToken();
                    tellStreams(change);
                }
            }
        }
    }

    /** Inserts, updates and replacements of the meetings' documents, of any generation. */
    private MongoChangeStreamCursor<ChangeStreamDocument<Document>> open() {
        var stream = database.watch(List.of(Aggregates.match(Filters.and(
                        Filters.in("operationType", List.of("insert", "update", "replace")),
                        Filters.regex("ns.coll", "^" + ReadModelStore.MEETINGS)))))
                .fullDocument(FullDocument.UPDATE_LOOKUP)
                .maxAwaitTime(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        return (resumeToken == null ? stream : stream.resumeAfter(resumeToken)).cursor();
    }

    private void tellStreams(ChangeStreamDocument<Document> change) {
        if (change.getNamespace() == null || change.getFullDocument() == null) {
            return;
        }
        readModels.live().meetingIn(change.getNamespace().getCollectionName(), change.getFullDocument())
                .ifPresent(meeting -> streams.changed(List.of(meeting)));
    }
}
