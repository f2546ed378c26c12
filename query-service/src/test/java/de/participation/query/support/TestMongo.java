package de.participation.query.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.participation.localstack.LocalMongo;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A MongoDB for tests: the real server named by {@code MONGODB_URI} when set (a replica set),
 * otherwise the local stack's stand-in in memory with its oplog. Either way the query service uses
 * change streams, its production default, and the code under test talks through the real driver.
 */
public final class TestMongo implements AutoCloseable {

    private final LocalMongo standIn;
    private final String uri;
    private final MongoClient client;

    private TestMongo(LocalMongo standIn, String uri) {
        this.standIn = standIn;
        this.uri = uri;
        this.client = MongoClients.create(uri);
    }

    public static TestMongo start() {
        String external = System.getenv("MONGODB_URI");
        if (external != null && !external.isBlank()) {
            return new TestMongo(null, external);
        }
        LocalMongo standIn = LocalMongo.inMemoryWithChangeStreams();
        return new TestMongo(standIn, standIn.uri());
    }

    public String uri() {
        return uri;
    }

    /** A database no other test uses. */
    public MongoDatabase freshDatabase() {
        return client.getDatabase(freshDatabaseName());
    }

    /** The database {@code name}, as a service under test given that name sees it. */
    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    public static String freshDatabaseName() {
        return "test_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Every document of every collection, in a stable order, to compare whole states. */
    /**
     * Every document of every collection, as {@link #dump} lists them, compared by their fields
     * whatever their order (a replaced document may keep the order of the fields it had).
     */
    public static List<Map.Entry<String, Document>> contents(MongoDatabase database) {
        List<Map.Entry<String, Document>> documents = new ArrayList<>();
        for (String collection : database.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
            database.getCollection(collection).find().sort(new Document("_id", 1))
                    .forEach(document -> documents.add(Map.entry(collection, document)));
        }
        return documents;
    }

    public static List<String> dump(MongoDatabase database) {
        List<String> documents = new ArrayList<>();
        for (String collection : database.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
            database.getCollection(collection).find().sort(new Document("_id", 1))
                    .forEach(document -> documents.add(collection + ": " + document.toJson()));
        }
        return documents;
    }

    @Override
    public void close() {
        client.close();
        if (standIn != null) {
            standIn.close();
        }
    }
}
