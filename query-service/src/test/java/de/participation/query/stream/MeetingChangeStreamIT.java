package de.participation.query.stream;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.support.TestMongo;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

/**
 * The production path of the dashboard's live updates, on the stand-in with its oplog (or a real
 * replica set with MONGODB_URI): a meeting's change reaches the streams; a stream interrupted
 * after some changes resumes after the last one delivered and loses none written meanwhile; and
 * when the change to resume after is gone (MongoDB's ChangeStreamHistoryLost, code 286, injected
 * at the driver's boundary, since the stand-in never loses history), a fresh stream starts and
 * the streams get every meeting's current state, once, without trying to resume again.
 */
class MeetingChangeStreamIT {

    private static final TestMongo MONGO = TestMongo.start();

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    private final MongoDatabase database = MONGO.freshDatabase();
    private final MongoCollection<Document> meetings = database.getCollection("meetings");
    private final Told told = new Told();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private FaultyChangeStream stream;

    @AfterEach
    void stopStream() {
        stream.stop();
    }

    @Test
    void anInterruptedStreamResumesAfterTheLastChangeDeliveredAndLosesNone() {
        stream = new FaultyChangeStream(false);
        stream.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.opened > 0); // a fresh stream sees what comes after
        write(first, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> told.contains(first, 1));

        stream.interruptNextRead.set(true);
        write(first, 2); // the read that delivers it fails; the stream resumes after sequence 1
        write(second, 1);

        await().atMost(Duration.ofSeconds(15)).until(() -> told.contains(first, 2) && told.contains(second, 1));
        assertThat(stream.resumedWith).as("resumed with the last change's token").isNotNull();
    }

    @Test
    void whenTheChangeToResumeAfterIsGoneAFreshStreamTellsEveryMeetingsCurrentStateOnce() {
        stream = new FaultyChangeStream(true);
        stream.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.opened > 0);
        write(first, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> told.contains(first, 1));

        stream.interruptNextRead.set(true);
        write(second, 1); // lost with the history: only the current state can bring it
        await().atMost(Duration.ofSeconds(15)).until(() -> told.contains(second, 1));
        write(first, 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> told.contains(first, 2));
        assertThat(stream.resumeAttempts).as("one resume was tried, then a fresh stream").isEqualTo(1);
        assertThat(told.count(first, 1)).as("the current state is told once").isEqualTo(2);
    }

    private void write(UUID meetingId, long sequence) {
        meetings.replaceOne(new Document("_id", meetingId.toString()), new Document("_id", meetingId.toString())
                        .append("organisation", "SMWA").append("title", "Bürgerdialog").append("location", "Leipzig")
                        .append("startsAt", new Date()).append("capacity", 10).append("waitingListEnabled", true)
                        .append("waitingListLimit", 0).append("status", "SCHEDULED").append("closedByOrganiser", false)
                        .append("confirmed", (int) sequence).append("waitlisted", 0).append("sequence", sequence)
                        .append("updatedAt", new Date()),
                new ReplaceOptions().upsert(true));
    }

    /** The meetings told to the streams, as (meeting, sequence). */
    private static final class Told extends CapacityStreams {

        private final Queue<String> told = new ConcurrentLinkedQueue<>();

        Told() {
            super(Duration.ofMinutes(1), Duration.ofMinutes(1), Clock.systemUTC());
        }

        @Override
        void changed(Collection<MeetingReadModel> meetings) {
            meetings.forEach(meeting -> told.add(meeting.meetingId() + "@" + meeting.sequence()));
        }

        boolean contains(UUID meetingId, long sequence) {
            return told.contains(meetingId + "@" + sequence);
        }

        long count(UUID meetingId, long sequence) {
            return told.stream().filter((meetingId + "@" + sequence)::equals).count();
        }
    }

    /** The real stream, with faults injected where it meets the driver. */
    private final class FaultyChangeStream extends MeetingChangeStream {

        private final boolean historyLost;
        private final AtomicBoolean interruptNextRead = new AtomicBoolean();
        private volatile BsonDocument resumedWith;
        private volatile int resumeAttempts;
        private volatile int opened;

        FaultyChangeStream(boolean historyLost) {
            super(database, new LiveReadModels(database), told);
            this.historyLost = historyLost;
        }

        @Override
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> open(MongoCollection<Document> collection,
                                                                      BsonDocument resumeAfter) {
            if (resumeAfter != null) {
                resumeAttempts++;
                resumedWith = resumeAfter;
                if (historyLost) {
                    throw new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                            .append("code", new BsonInt32(HISTORY_LOST))
                            .append("codeName", new BsonString("ChangeStreamHistoryLost"))
                            .append("errmsg", new BsonString("Resume of change stream was not possible")),
                            new ServerAddress());
                }
            }
            MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = spy(super.open(collection, resumeAfter));
            doAnswer(read -> {
                if (interruptNextRead.getAndSet(false)) {
                    throw new MongoSocketReadException("connection reset (injected)", new ServerAddress());
                }
                return read.callRealMethod();
            }).when(cursor).tryNext();
            opened++;
            return cursor;
        }
    }
}
