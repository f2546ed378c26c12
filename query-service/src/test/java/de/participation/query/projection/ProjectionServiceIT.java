package de.participation.query.projection;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.kafka.MeetingEventJson;
import de.participation.events.ParticipantRegistered;
import de.participation.events.SealedParticipant;
import de.participation.query.support.Histories;
import de.participation.query.support.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static de.participation.events.RegistrationStatus.CONFIRMED;
import static de.participation.events.RegistrationStatus.WAITLISTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotence of the projection against MongoDB through the real driver (the stand-in, or a real
 * server with MONGODB_URI): whatever is delivered again, the documents end as after one delivery.
 */
class ProjectionServiceIT {

    private static final TestMongo MONGO = TestMongo.start();

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    private static ProjectionService projectionInto(MongoDatabase database) {
        return new ProjectionService(new LiveReadModels(database), new ProjectionSignal());
    }

    /** Several meetings' histories interleaved as one partition would deliver them. */
    private static List<MeetingEventEnvelope> interleavedHistories(Random random, int meetings) {
        List<List<MeetingEventEnvelope>> histories = new ArrayList<>();
        for (int m = 0; m < meetings; m++) {
            Histories history = new Histories(UUID.randomUUID()).scheduled(3);
            List<UUID> confirmed = new ArrayList<>();
            List<UUID> waiting = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                UUID registration = UUID.randomUUID();
                if (confirmed.size() < 3) {
                    history.registered(registration);
                    confirmed.add(registration);
                } else {
                    history.waitlisted(registration, waiting.size() + 1);
                    waiting.add(registration);
                }
                if (random.nextInt(4) == 0) {
                    UUID leaving = confirmed.remove(random.nextInt(confirmed.size()));
                    history.cancelled(leaving, CONFIRMED);
                    if (!waiting.isEmpty()) {
                        UUID head = waiting.removeFirst();
                        history.promoted(head, leaving);
                        confirmed.add(head);
                    }
                } else if (random.nextInt(6) == 0 && !waiting.isEmpty()) {
                    history.cancelled(waiting.remove(random.nextInt(waiting.size())), WAITLISTED);
                }
            }
            histories.add(new ArrayList<>(history.events()));
        }
        List<MeetingEventEnvelope> partition = new ArrayList<>();
        while (histories.stream().anyMatch(h -> !h.isEmpty())) {
            List<MeetingEventEnvelope> next = histories.get(random.nextInt(histories.size()));
            if (!next.isEmpty()) {
                partition.add(next.removeFirst());
            }
        }
        return partition;
    }

    @Test
    void participantsInClearFromBeforeSealingAreDroppedAndTheRepublishedHistoryBringsThemBackSealed() {
        MongoDatabase database = MONGO.freshDatabase();
        UUID erika = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(1).registered(erika);
        projectionInto(database).apply(history.events(), MeetingEventJson::write, KnownDocuments.none());
        database.getCollection(ReadModelStore.REGISTRATIONS).updateOne(new Document("_id", erika.toString()),
                new Document("$set", new Document("participant", new Document("email", "erika.clear@example.org"))
                        .append("sealedParticipant", null)));

        ProjectionService restarted = projectionInto(database);

        assertThat(TestMongo.dump(database)).noneMatch(document -> document.contains("erika.clear"));
        restarted.apply(history.events(), MeetingEventJson::write, KnownDocuments.none());
        assertThat(new ReadModelStore(database, 0).registration(erika).orElseThrow().sealedParticipant())
                .isEqualTo(Histories.sealed(erika).ciphertext());
    }

    @Test
    void readModelsProjectedBeforeTheArrivalOrderExistedGetItWhenOpened() {
        MongoDatabase database = MONGO.freshDatabase();
        projectionInto(database).apply(interleavedHistories(new Random(5), 4), MeetingEventJson::write, KnownDocuments.none());
        var projected = TestMongo.contents(database);
        database.getCollection(ReadModelStore.ARRIVAL_ORDER).drop();
        database.getCollection(ReadModelStore.REGISTRATIONS).updateMany(new Document(),
                new Document("$unset", new Document("arrival", "")));
        database.getCollection(ReadModelStore.MEETINGS).updateMany(new Document(),
                new Document("$unset", new Document("waitlisted", ""))
                        .append("$set", new Document("waitingList", List.of(UUID.randomUUID().toString()))));

        new ReadModelStore(database, 0);

        assertThat(TestMongo.contents(database)).isEqualTo(projected);
    }

    @Test
    void projectsAHistoryIntoMeetingAndRegistrationDocuments() {
        MongoDatabase database = MONGO.freshDatabase();
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(1).registered(erika).waitlisted(max, 1);

        projectionInto(database).apply(history.events(), MeetingEventJson::write, KnownDocuments.none());

        ReadModelStore store = new ReadModelStore(database, 0);
        MeetingReadModel meeting = store.meeting(history.meetingId()).orElseThrow();
        assertThat(meeting.confirmed()).isEqualTo(1);
        assertThat(meeting.waitlisted()).isEqualTo(1);
        assertThat(meeting.sequence()).isEqualTo(2);
        assertThat(store.registration(max).orElseThrow().sealedParticipant())
                .isEqualTo(Histories.sealed(max).ciphertext());
        assertThat(store.registrationsOf(history.meetingId(), CONFIRMED, 0, 10).registrations())
                .extracting(RegistrationReadModel::registrationId).containsExactly(erika);
    }

    @Test
    void replayingTheWholeHistoryChangesNoDocument() {
        MongoDatabase database = MONGO.freshDatabase();
        List<MeetingEventEnvelope> events = interleavedHistories(new Random(7), 5);
        ProjectionService projection = projectionInto(database);
        projection.apply(events, MeetingEventJson::write, KnownDocuments.none());
        List<String> once = TestMongo.dump(database);

        projection.apply(events, MeetingEventJson::write, KnownDocuments.none());

        assertThat(TestMongo.dump(database)).isEqualTo(once);
    }

    /** How far a batch's writes got before the crash: the collections are written in this order. */
    enum WrittenBeforeTheCrash { REGISTRATIONS, REGISTRATIONS_AND_ARRIVAL_CHUNKS, ALL_BUT_THE_MEETINGS }

    @ParameterizedTest
    @EnumSource(WrittenBeforeTheCrash.class)
    void crashBetweenTheWritesHealsOnRedelivery(WrittenBeforeTheCrash written) {
        List<MeetingEventEnvelope> events = interleavedHistories(new Random(11), 3);
        MongoDatabase reference = MONGO.freshDatabase();
        projectionInto(reference).apply(events, MeetingEventJson::write, KnownDocuments.none());

        MongoDatabase crashed = MONGO.freshDatabase();
        int half = events.size() / 2;
        projectionInto(crashed).apply(events.subList(0, half), MeetingEventJson::write, KnownDocuments.none());
        ReadModelStore store = new ReadModelStore(crashed, 0);
        List<MeetingEventEnvelope> lostBatch = events.subList(half, events.size());
        MeetingProjector.Outcome partial = ProjectionService.fold(store, lostBatch, KnownDocuments.none());
        List<ArrivalDocument> arrivalOrder = switch (written) {
            case REGISTRATIONS -> List.of();
            // the arrival order goes out in one unordered bulk write: the chunks may land without the index
            case REGISTRATIONS_AND_ARRIVAL_CHUNKS -> partial.arrivalOrder().stream()
                    .filter(ArrivalChunk.class::isInstance).toList();
            case ALL_BUT_THE_MEETINGS -> List.copyOf(partial.arrivalOrder());
        };
        store.save(partial.registrations(), arrivalOrder, List.of(), lostBatch, MeetingEventJson::write);

        projectionInto(crashed).apply(lostBatch, MeetingEventJson::write, KnownDocuments.none());

        assertThat(TestMongo.dump(crashed)).isEqualTo(TestMongo.dump(reference));
    }

    /** How much a writer remembers of the documents it wrote. */
    enum Memory {
        NOTHING, PLENTY, LITTLE;

        KnownDocuments known() {
            return switch (this) {
                case NOTHING -> KnownDocuments.none();
                case PLENTY -> KnownDocuments.upTo(32 << 20);
                case LITTLE -> KnownDocuments.upTo(8 << 10); // a few documents: most are read again
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void anyPatternOfRedeliveryEndsAsOneDelivery(Memory memory) {
        Random random = new Random(42);
        List<MeetingEventEnvelope> events = interleavedHistories(random, 8);
        MongoDatabase reference = MONGO.freshDatabase();
        projectionInto(reference).apply(events, MeetingEventJson::write, KnownDocuments.none());

        MongoDatabase redelivered = MONGO.freshDatabase();
        ProjectionService projection = projectionInto(redelivered);
        KnownDocuments known = memory.known();
        int committed = 0;
        while (committed < events.size()) {
            int end = Math.min(events.size(), committed + 1 + random.nextInt(25));
            projection.apply(events.subList(committed, end), MeetingEventJson::write, known);
            boolean crashedBeforeCommit = random.nextInt(3) == 0;
            if (!crashedBeforeCommit) {
                committed = end;
            }
        }

        assertThat(TestMongo.dump(redelivered)).isEqualTo(TestMongo.dump(reference));
    }

    @Test
    void aWriterThatRemembersReadsNoDocumentItWroteAndEndsAsOneThatDoesNot() {
        List<MeetingEventEnvelope> events = interleavedHistories(new Random(3), 6);
        MongoDatabase reference = MONGO.freshDatabase();
        projectionInto(reference).apply(events, MeetingEventJson::write, KnownDocuments.none());
        DocumentsRead read = new DocumentsRead();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MONGO.uri())).addCommandListener(read).build())) {
            MongoDatabase remembering = client.getDatabase(TestMongo.freshDatabaseName());
            ProjectionService projection = projectionInto(remembering);
            KnownDocuments known = KnownDocuments.upTo(32 << 20);

            for (int next = 0; next < events.size(); next += 2) {
                projection.apply(events.subList(next, Math.min(events.size(), next + 2)), MeetingEventJson::write, known);
            }

            assertThat(read.documents).as("documents read back by the projection").isZero();
            assertThat(TestMongo.dump(remembering)).isEqualTo(TestMongo.dump(reference));
        }
    }

    @Test
    void aBatchThatFailsLeavesNothingOfItsEventsInWhatTheWriterRemembers() {
        UUID erika = UUID.randomUUID();
        UUID tooLarge = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID());
        history.scheduled(5).registered(erika)
                .add(new ParticipantRegistered(history.meetingId(), tooLarge, new SealedParticipant(
                        "x".repeat(17 << 20)))) // beyond MongoDB's 16 MiB: no write can take it
                .registered(max);
        List<MeetingEventEnvelope> events = history.events();
        MongoDatabase database = MONGO.freshDatabase();
        ProjectionService projection = projectionInto(database);
        KnownDocuments known = KnownDocuments.upTo(32 << 20);

        projection.apply(events.subList(0, 2), MeetingEventJson::write, known);
        MeetingProjector.Outcome failed = projection.apply(events.subList(2, 3), MeetingEventJson::write, known);
        projection.apply(events.subList(3, 4), MeetingEventJson::write, known);

        assertThat(failed.rejected()).hasSize(1);
        MeetingReadModel meeting = new ReadModelStore(database, 0).meeting(history.meetingId()).orElseThrow();
        assertThat(meeting.confirmed()).as("Erika and Max, not the rejected registration").isEqualTo(2);
        assertThat(new ReadModelStore(database, 0).registrationsOf(history.meetingId(), CONFIRMED, 0, 10)
                .registrations()).extracting(RegistrationReadModel::registrationId).containsExactly(erika, max);
    }

    /**
     * MongoDB came back empty (the local stack's stand-in after a restart) while a batch was under
     * way: the batch, folded from what its writer remembered of the old store, lands in the new one
     * before the writer notices. The new store's projection from the start of the history must not
     * take those documents for its own.
     */
    @Test
    void aBatchFromTheMemoryOfAReplacedStoreIsProjectedAnewWhenTheNewStoreStartsFromTheBeginning() {
        List<MeetingEventEnvelope> events = interleavedHistories(new Random(7), 4);
        MongoDatabase reference = MONGO.freshDatabase();
        projectionInto(reference).apply(events, MeetingEventJson::write, KnownDocuments.none().forStore("second"));

        MongoDatabase database = MONGO.freshDatabase();
        ProjectionService projection = projectionInto(database);
        KnownDocuments known = KnownDocuments.upTo(32 << 20).forStore("first");
        int half = events.size() / 2;
        projection.apply(events.subList(0, half), MeetingEventJson::write, known);
        database.drop(); // the store is replaced by an empty one; the writer has not noticed yet
        projection.apply(events.subList(half, events.size()), MeetingEventJson::write, known);
        projectionInto(database).apply(events, MeetingEventJson::write, KnownDocuments.upTo(32 << 20).forStore("second"));

        assertThat(asRead(database)).isEqualTo(asRead(reference));
    }

    /**
     * Every document, but the history's chunks as readers see them, by their events in order of
     * sequence (the late batch appended its events to the chunks before the rest of the history),
     * and the meeting order as readers see it, by meeting (its entries are set one at a time, in
     * the order the batches came).
     */
    private static List<String> asRead(MongoDatabase database) {
        ReadModelStore store = new ReadModelStore(database, 0);
        List<String> documents = new ArrayList<>(TestMongo.dump(database).stream()
                .filter(document -> !document.startsWith(ReadModelStore.HISTORY + ": "))
                .filter(document -> !document.startsWith(MeetingOrder.MEETING_ORDER + ": ")).toList());
        new TreeMap<>(store.historyChunks(store.all(ReadModelStore.HISTORY).keySet()))
                .forEach((id, chunk) -> documents.add(id + ": " + chunk.events()));
        database.getCollection(MeetingOrder.MEETING_ORDER).find().forEach(order ->
                documents.add(order.get("_id") + ": " + new TreeMap<>(order.get("meetings", Document.class))));
        return documents;
    }

    /** Counts the documents that find commands return. */
    private static final class DocumentsRead implements CommandListener {

        private volatile long documents;

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            if (event.getCommandName().equals("find")) {
                documents += event.getResponse().getDocument("cursor").getArray("firstBatch").size();
            }
        }
    }
}
