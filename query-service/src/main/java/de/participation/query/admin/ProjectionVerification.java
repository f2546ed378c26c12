package de.participation.query.admin;

import de.participation.query.kafka.ProjectionProperties;
import de.participation.query.kafka.QueryKafkaClients;
import de.participation.query.kafka.SkippedRecords;
import de.participation.query.projection.KnownDocuments;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.ProjectionService;
import de.participation.query.projection.ReadModelStore;
import de.participation.query.projection.StoreIdentity;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * Replays the whole history into a scratch generation, up to where the live projection has
 * committed, and compares its meetings and registrations with the live ones document by document. Meetings that the
 * live side has changed since (their sequence moved on) are left out of the comparison, with their
 * registrations and history, and counted.
 */
@Component
class ProjectionVerification {

    private static final int REPORTED = 100;

    private final LiveReadModels readModels;
    private final ProjectionService projection;
    private final QueryKafkaClients kafka;
    private final ProjectionProperties settings;
    private final StoreIdentity store;
    private final SkippedRecords skipped;
    private final Clock clock;
    private final ProjectionRebuild rebuild;

    ProjectionVerification(LiveReadModels readModels, ProjectionService projection,
                           QueryKafkaClients kafka, ProjectionProperties settings, StoreIdentity store,
                           ProjectionRebuild rebuild, SkippedRecords skipped, Clock clock) {
        this.readModels = readModels;
        this.projection = projection;
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
        this.rebuild = rebuild;
        this.skipped = skipped;
        this.clock = clock;
    }

    /** One document that differs: in which collection, and both versions (null where missing). */
    record Difference(String collection, String id, Document live, Document replayed) {
    }

    record Report(long eventsReplayed, long documentsCompared, long meetingsChangedSince, long differenceCount,
                  List<Difference> differences) {
    }

    /** Runs in the rebuild's slot, so that it never races a rebuild for the next generation. */
    Report verify() throws ExecutionException, InterruptedException {
        Document slot = rebuild.claimForVerification();
        long generation = slot.getLong("generation");
        ReadModelStore scratch = readModels.generation(generation);
        // the scratch generation is this replay's alone
        try (HistoryReplay replay = new HistoryReplay(kafka, projection, scratch,
                KnownDocuments.upTo(settings.rememberedBytes().toBytes()).forStore(store.id()), skipped, clock)) {
            replay.untilLiveCommitted(rebuild.progressOf(slot.getString("rebuildId")));
            return compare(readModels.current(), scratch, replay.eventsProjected());
        } finally {
            readModels.drop(generation);
            rebuild.releaseAfterVerification();
        }
    }

    private static Report compare(ReadModelStore live, ReadModelStore replayed, long events) {
        Map<String, Document> liveMeetings = live.all(ReadModelStore.MEETINGS);
        Map<String, Document> replayedMeetings = replayed.all(ReadModelStore.MEETINGS);
        Set<String> changedSince = new HashSet<>();
        replayedMeetings.forEach((id, meeting) -> {
            Document now = liveMeetings.get(id);
            if (now != null && now.getLong("sequence") > meeting.getLong("sequence")) {
                changedSince.add(id);
            }
        });
        List<Difference> differences = new ArrayList<>();
        long compared = 0;
        for (String collection : List.of(ReadModelStore.MEETINGS, ReadModelStore.REGISTRATIONS, ReadModelStore.ARRIVAL_ORDER)) {
            Map<String, Document> liveDocuments = live.all(collection);
            Map<String, Document> replayedDocuments = replayed.all(collection);
            Set<String> ids = new TreeSet<>(liveDocuments.keySet());
            ids.addAll(replayedDocuments.keySet());
            for (String id : ids) {
                Document liveDocument = liveDocuments.get(id);
                Document replayedDocument = replayedDocuments.get(id);
                if (changedSince.contains(meetingOf(collection, id, liveDocument, replayedDocument))) {
                    continue;
                }
                compared++;
                if (liveDocument == null || !liveDocument.equals(replayedDocument)) {
                    differences.add(new Difference(collection, id, liveDocument, replayedDocument));
                }
            }
        }
        return new Report(events, compared, changedSince.size(), differences.size(),
                differences.subList(0, Math.min(REPORTED, differences.size())));
    }

    private static String meetingOf(String collection, String id, Document live, Document replayed) {
        if (collection.equals(ReadModelStore.MEETINGS)) {
            return id;
        }
        Document either = live != null ? live : replayed;
        return either.getString("meetingId");
    }
}
