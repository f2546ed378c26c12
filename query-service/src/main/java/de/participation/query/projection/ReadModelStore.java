package de.participation.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.RegistrationStatus;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The read-model collections in MongoDB. Writes address documents by {@code _id} only and go out
 * as one unordered bulk write per collection, which is what both the embedded stand-in and a real
 * MongoDB do fast (ARCHITECTURE.md, trap 5); no transactions.
 */
public class ReadModelStore {

    private static final Logger log = LoggerFactory.getLogger(ReadModelStore.class);
    public static final String MEETINGS = "meetings";
    public static final String REGISTRATIONS = "registrations";
    public static final String HISTORY = "history";
    public static final String ARRIVAL_ORDER = "arrival_order";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> meetings;
    private final MongoCollection<Document> registrations;
    private final MongoCollection<Document> arrivalOrder;
    private final MongoCollection<Document> history;

    private final ParkedRecords parked;
    private final MeetingOrder meetingOrder;
    private final long generation;

    /**
     * The read models of one generation. Generation 0 has the plain collection names (the read
     * models from before generations existed); a rebuild writes generation n into
     * {@code meetings_g<n>} and so on ({@link LiveReadModels}).
     */
    public ReadModelStore(MongoDatabase database, long generation) {
        this.generation = generation;
        this.meetings = database.getCollection(collectionName(MEETINGS, generation));
        this.registrations = database.getCollection(collectionName(REGISTRATIONS, generation));
        this.arrivalOrder = database.getCollection(collectionName(ARRIVAL_ORDER, generation));
        // The history is a copy of the topic, the same for every generation (see LiveReadModels).
        this.history = database.getCollection(HISTORY);
        this.parked = new ParkedRecords(database.getCollection(collectionName(ParkedRecords.PARKED_RECORDS, generation)),
                meetings);
        this.meetingOrder = new MeetingOrder(database.getCollection(collectionName(MeetingOrder.MEETING_ORDER, generation)));
        dropParticipantsInClear();
        new ArrivalOrderMigration(this, meetings, registrations).migrateIfNeeded();
        meetingOrder.backfillFrom(meetings);
    }

    /**
     * Read models projected before personal data was sealed hold it in clear in {@code participant}.
     * It goes at once; the sealed form comes back with the republished history (see
     * {@link MeetingProjector}), which the command service sends after its own migration.
     */
    private void dropParticipantsInClear() {
        long dropped = registrations.updateMany(Filters.exists("participant"), Updates.unset("participant"))
                .getModifiedCount();
        if (dropped > 0) {
            log.warn("Removed the personal data in clear from {} registrations projected before sealing", dropped);
        }
    }

    public Map<UUID, MeetingReadModel> meetings(Collection<UUID> ids) {
        return byId(meetings, ids, MeetingReadModel::from, MeetingReadModel::meetingId);
    }

    public Map<UUID, RegistrationReadModel> registrations(Collection<UUID> ids) {
        return byId(registrations, ids, RegistrationReadModel::from, RegistrationReadModel::registrationId);
    }

    /** Whether {@code name} is the meetings' collection of some generation. */
    public static boolean isMeetingsCollection(String name) {
        return name.equals(MEETINGS) || name.matches(MEETINGS + "_g\\d+");
    }

    static String collectionName(String collection, long generation) {
        return generation == 0 ? collection : collection + "_g" + generation;
    }

    static List<String> collectionNames(long generation) {
        return List.of(MEETINGS, REGISTRATIONS, ARRIVAL_ORDER, MeetingOrder.MEETING_ORDER, ParkedRecords.PARKED_RECORDS)
                .stream()
                .map(name -> collectionName(name, generation)).toList();
    }

    public long generation() {
        return generation;
    }

    /** The records this generation parked, and its parked meetings. */
    public ParkedRecords parked() {
        return parked;
    }

    /** The name of this generation's meetings collection. */
    public String meetingsCollectionName() {
        return meetings.getNamespace().getCollectionName();
    }

    /** The meeting in {@code document} if it is a document of this generation's meetings collection. */
    public Optional<MeetingReadModel> meetingIn(String collection, Document document) {
        return collection.equals(meetingsCollectionName()) ? Optional.of(MeetingReadModel.from(document)) : Optional.empty();
    }

    /** Every document of one of this generation's collections, by id (for verification). */
    public Map<String, Document> all(String collection) {
        MongoCollection<Document> documents = switch (collection) {
            case MEETINGS -> meetings;
            case REGISTRATIONS -> registrations;
            case ARRIVAL_ORDER -> arrivalOrder;
            case HISTORY -> history;
            default -> throw new IllegalArgumentException(collection);
        };
        Map<String, Document> byId = new HashMap<>();
        documents.find().forEach(document -> byId.put(document.getString("_id"), document));
        return byId;
    }

    /** History chunks by id ({@link HistoryChunk#idOf}); missing ones are absent. */
    public Map<String, HistoryChunk> historyChunks(Collection<String> ids) {
        Map<String, HistoryChunk> found = new HashMap<>();
        if (!ids.isEmpty()) {
            history.find(Filters.in("_id", ids)).forEach(document -> {
                HistoryChunk chunk = HistoryChunk.from(document);
                found.put(chunk.id(), chunk);
            });
        }
        return found;
    }

    /** The meeting's events with the given sequences, in order. */
    public List<MeetingEventEnvelope> events(UUID meetingId, Collection<Long> sequences) {
        Set<Long> wanted = Set.copyOf(sequences);
        return historyChunks(sequences.stream().map(sequence -> HistoryChunk.idOf(meetingId, sequence))
                        .collect(Collectors.toSet())).values().stream()
                .flatMap(chunk -> chunk.events().stream())
                .filter(event -> wanted.contains(event.sequence()))
                .sorted(Comparator.comparingLong(MeetingEventEnvelope::sequence))
                .toList();
    }

    /** Every event of the meeting up to {@code lastSequence}, in order. */
    public List<MeetingEventEnvelope> eventsUpTo(UUID meetingId, long lastSequence) {
        return events(meetingId, LongStream.rangeClosed(0, lastSequence).boxed().toList());
    }

    public Optional<MeetingReadModel> meeting(UUID meetingId) {
        return Optional.ofNullable(meetings.find(Filters.eq("_id", meetingId.toString())).first())
                .map(MeetingReadModel::from);
    }

    public Optional<RegistrationReadModel> registration(UUID registrationId) {
        return Optional.ofNullable(registrations.find(Filters.eq("_id", registrationId.toString())).first())
                .map(RegistrationReadModel::from);
    }

    /** A slice of a list of meetings, and how many the list has in all. */
    public record MeetingPage(List<MeetingReadModel> meetings, long total) {

        public static final MeetingPage EMPTY = new MeetingPage(List.of(), 0);
    }

    /**
     * A slice of an organisation's meetings (every meeting's when null), soonest first, and their
     * number: the meeting order and then the slice's meetings, both by {@code _id} ({@link MeetingOrder}).
     */
    public MeetingPage meetingsOf(String organisation, int offset, int limit) {
        MeetingOrder.Slice slice = meetingOrder.slice(organisation, offset, limit);
        return new MeetingPage(MeetingOrder.inOrder(slice, meetings(slice.meetingIds())), slice.total());
    }

    /**
     * One page of a meeting's registrations, the waiting-list positions of those who wait, and how
     * many registrations the list has in all.
     */
    public record RegistrationPage(List<RegistrationReadModel> registrations, Map<UUID, Integer> positions,
                                   long total) {

        static final RegistrationPage EMPTY = new RegistrationPage(List.of(), Map.of(), 0);
    }

    /**
     * A slice of a meeting's registrations with the given status (any when null), in the order they
     * arrived; the waiting list is its waitlisted registrations, so their order is their positions.
     * The meeting's arrival index tells which chunks hold the slice, and those chunks which
     * registrations; all three are read by {@code _id}.
     */
    public RegistrationPage registrationsOf(UUID meetingId, RegistrationStatus status, int offset, int limit) {
        Document indexDocument = arrivalOrder.find(Filters.eq("_id", ArrivalIndex.idOf(meetingId))).first();
        if (indexDocument == null) {
            return RegistrationPage.EMPTY;
        }
        ArrivalIndex index = ArrivalIndex.from(indexDocument);
        ArrivalIndex.Slice slice = index.slice(status, offset, limit);
        Map<UUID, Integer> positions = new HashMap<>();
        List<UUID> ids = new ArrayList<>(limit);
        int skip = slice.skip();
        for (ArrivalChunk chunk : arrivalChunks(meetingId, slice.chunks())) {
            int position = index.waitingBefore(chunk.number());
            for (ArrivalChunk.Entry entry : chunk.entries()) {
                boolean waiting = entry.status() == RegistrationStatus.WAITLISTED;
                position += waiting ? 1 : 0;
                if (ids.size() == limit || status != null && entry.status() != status) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                } else {
                    ids.add(entry.registrationId());
                    if (waiting) {
                        positions.put(entry.registrationId(), position);
                    }
                }
            }
        }
        Map<UUID, RegistrationReadModel> found = registrations(ids);
        return new RegistrationPage(ids.stream().filter(found::containsKey).map(found::get).toList(), positions,
                index.total(status));
    }

    /** The registration's place on its meeting's waiting list, or null if it does not wait. */
    public Integer waitingListPosition(RegistrationReadModel registration) {
        if (!RegistrationStatus.WAITLISTED.name().equals(registration.status())) {
            return null;
        }
        int number = ArrivalChunk.numberOf(registration.arrival());
        Map<String, ArrivalDocument> found = arrivalDocuments(List.of(ArrivalIndex.idOf(registration.meetingId()),
                ArrivalChunk.idOf(registration.meetingId(), number)));
        if (!(found.get(ArrivalIndex.idOf(registration.meetingId())) instanceof ArrivalIndex index)
                || !(found.get(ArrivalChunk.idOf(registration.meetingId(), number)) instanceof ArrivalChunk chunk)) {
            return null;
        }
        int position = index.waitingBefore(number);
        for (ArrivalChunk.Entry entry : chunk.entries().subList(0, registration.arrival() % ArrivalChunk.SIZE + 1)) {
            position += entry.status() == RegistrationStatus.WAITLISTED ? 1 : 0;
        }
        return position;
    }

    /** The meeting's chunks with these numbers, in their order. */
    private List<ArrivalChunk> arrivalChunks(UUID meetingId, List<Integer> numbers) {
        Map<String, ArrivalDocument> found = arrivalDocuments(numbers.stream()
                .map(number -> ArrivalChunk.idOf(meetingId, number)).toList());
        return numbers.stream().map(number -> found.get(ArrivalChunk.idOf(meetingId, number)))
                .filter(ArrivalChunk.class::isInstance).map(ArrivalChunk.class::cast).toList();
    }

    MongoCollection<Document> arrivalOrderCollection() {
        return arrivalOrder;
    }

    /** Arrival indexes and chunks by id; missing ones are absent. */
    Map<String, ArrivalDocument> arrivalDocuments(Collection<String> ids) {
        Map<String, ArrivalDocument> found = new HashMap<>();
        if (!ids.isEmpty()) {
            arrivalOrder.find(Filters.in("_id", ids)).forEach(document -> {
                ArrivalDocument arrivalDocument = ArrivalDocument.from(document);
                found.put(arrivalDocument.id(), arrivalDocument);
            });
        }
        return found;
    }

    /**
     * Writes a batch's changes: history, registrations and their arrival order first, then meetings, whose
     * {@code sequence} tells readers (minSequence) that everything of that event is visible. Every
     * document is built before the first is written, so a model that cannot be stored leaves the
     * others unwritten too, rather than half of an event.
     */
    public void save(Collection<RegistrationReadModel> changedRegistrations,
                     Collection<ArrivalDocument> changedArrivalOrder, Collection<MeetingReadModel> changedMeetings,
                     List<MeetingEventEnvelope> addedToHistory, Function<MeetingEventEnvelope, String> asPublished) {
        List<WriteModel<Document>> historyWrites = HistoryChunk.appending(addedToHistory, asPublished);
        List<Document> registrationDocuments = changedRegistrations.stream().map(RegistrationReadModel::toDocument).toList();
        List<Document> arrivalDocuments = changedArrivalOrder.stream().map(ArrivalDocument::toDocument).toList();
        List<Document> meetingDocuments = changedMeetings.stream().map(MeetingReadModel::toDocument).toList();
        if (!historyWrites.isEmpty()) {
            history.bulkWrite(historyWrites, new BulkWriteOptions().ordered(false));
        }
        replaceAll(registrations, registrationDocuments);
        replaceAll(arrivalOrder, arrivalDocuments);
        replaceAll(meetings, meetingDocuments);
        List<MeetingReadModel> newStarts = changedMeetings.stream().filter(meeting -> meeting.startChanged).toList();
        meetingOrder.enter(newStarts);
        newStarts.forEach(meeting -> meeting.startChanged = false);
    }

    static void replaceAll(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        collection.bulkWrite(documents.stream()
                .map(document -> new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT))
                .toList(), new BulkWriteOptions().ordered(false));
    }

    private static <T> Map<UUID, T> byId(MongoCollection<Document> collection, Collection<UUID> ids,
                                         Function<Document, T> read, Function<T, UUID> id) {
        Map<UUID, T> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        collection.find(Filters.in("_id", ids.stream().map(UUID::toString).toList()))
                .forEach(document -> {
                    T model = read.apply(document);
                    found.put(id.apply(model), model);
                });
        return found;
    }
}
