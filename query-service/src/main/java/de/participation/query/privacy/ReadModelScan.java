package de.participation.query.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.participation.query.personaldata.KeyServiceHashes;
import de.participation.query.projection.ReadModelStore;
import de.participation.web.privacy.ScanReport;
import de.participation.web.privacy.ScanReport.Finding;
import de.participation.web.privacy.ScanReport.Scanned;
import de.participation.web.privacy.ScanTarget;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The read side's part of the data protection officer's check that an erasure left nothing
 * behind: every document of every collection of the read-model database (each generation of the
 * read models, the copy of the history, webhook subscriptions and delivery logs, the trail of the
 * scans, and whatever is added later),
 * searched for the address in clear and for its hash in every meeting the read side knows, which
 * the key service computes. The command service scans its database and the topics the same way.
 */
@Component
class ReadModelScan {

    private static final String STORE = "mongodb";

    private final MongoDatabase database;
    private final KeyServiceHashes keyService;

    ReadModelScan(MongoDatabase database, KeyServiceHashes keyService) {
        this.database = database;
        this.keyService = keyService;
    }

    ScanReport scan(String address) {
        List<String> collections = database.listCollectionNames().into(new ArrayList<>());
        List<UUID> meetings = List.copyOf(meetingIds(collections));
        ScanTarget target = new ScanTarget(address, keyService.hashesOf(address, meetings));
        List<Finding> findings = new ArrayList<>();
        long documents = 0;
        for (String name : collections) {
            for (Document document : database.getCollection(name).find()) {
                documents++;
                String location = "collection " + name + " _id " + document.get("_id");
                target.tracesIn(document.toJson()).forEach(trace -> findings.add(new Finding(STORE, location, trace)));
            }
        }
        return ScanReport.of(meetings.size(), List.of(new Scanned(STORE, documents, true)), findings);
    }

    /** The meetings of every generation of the read models. */
    private Set<UUID> meetingIds(List<String> collections) {
        Set<UUID> meetings = new LinkedHashSet<>();
        collections.stream().filter(ReadModelStore::isMeetingsCollection).forEach(name -> {
            MongoCollection<Document> generation = database.getCollection(name);
            generation.find().projection(new Document("_id", 1))
                    .forEach(meeting -> meetings.add(UUID.fromString(String.valueOf(meeting.get("_id")))));
        });
        return meetings;
    }
}
