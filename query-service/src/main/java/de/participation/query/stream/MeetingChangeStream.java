package de.participation.query.stream;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.ReadModelStore;
import org.bson.BsonDocument;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells the streams of this instance when a meeting's read model changed, whichever instance
 * projected it, from MongoDB's change stream of the meetings' documents: the server pushes each
 * change once it is written, so nothing is polled. After a failure the stream resumes after the
 * last change it delivered, so none is lost while the server is briefly away. Needs a replica set
 * (production, docker-compose); without change streams {@link PollingMeetingChangeWatcher} runs
 * instead.
 */
@Component
@ConditionalOnProperty(name = "participation.mongodb.change-streams", havingValue = "true", matchIfMissing = true)
class MeetingChangeStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MeetingChangeStream.class);
    /** How long the server holds a request for changes open: bounds how long a stop waits. */
    private static final Duration AWAIT = Duration.ofMillis(500);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

    private final MongoDatabase database;
    private final LiveReadModels readModels;
    private final CapacityStreams streams;
    private volatile boolean running;
    private Thread thread;
    private BsonDocument resumeToken;

    MeetingChangeStream(MongoDatabase database, LiveReadModels readModels, CapacityStreams streams) {
        this.database = database;
        this.readModels = readModels;
        this.streams = streams;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("meeting-change-stream").start(this::watchUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void watchUntilStopped() {
        while (running) {
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = open()) {
                while (running) {
                    ChangeStreamDocument<Document> change = changes.tryNext();
                    if (change != null) {
                        resumeToken = change.getResumeToken();
                        tellStreams(change);
                    }
                }
            } catch (MongoException failure) {
                log.warn("Change stream interrupted, resuming: {}", failure.toString());
                pause();
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

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
