package de.participation.query.projection;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.participation.localstack.LocalMongo;
import de.participation.query.support.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Offsets committed for read models in another store are recognised as such. */
class StoreIdentityIT {

    private static final TestMongo MONGO = TestMongo.start();

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    @Test
    void offsetsCommittedForThisStoreAreItsOwnAndOthersAreNot() {
        MongoDatabase database = MONGO.freshDatabase();
        StoreIdentity store = new StoreIdentity(database);

        assertThat(store.isOtherThan(store.id())).isFalse();
        assertThat(store.isOtherThan("another-store")).isTrue();
        assertThat(new StoreIdentity(database).id()).as("every instance sees one id").isEqualTo(store.id());
    }

    @Test
    void aStoreCreatedEmptyDoesNotTakeOffsetsCommittedWithoutAStore() {
        StoreIdentity empty = new StoreIdentity(MONGO.freshDatabase());

        assertThat(empty.isOtherThan("")).isTrue();
    }

    @Test
    void aStoreWithReadModelsFromBeforeStoreIdsAdoptsTheOffsetsCommittedWithoutOne() {
        MongoDatabase database = MONGO.freshDatabase();
        database.getCollection(ReadModelStore.MEETINGS).insertOne(new Document("_id", "meeting-from-before"));

        assertThat(new StoreIdentity(database).isOtherThan("")).isFalse();
    }

    @Test
    void aMongoDbThatCannotBeReachedIsNoSignOfAnotherStore() {
        LocalMongo standIn = LocalMongo.inMemory();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(standIn.uri()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .build())) {
            StoreIdentity store = new StoreIdentity(client.getDatabase("participation"), Duration.ZERO);
            String id = store.id();

            standIn.close();

            assertThat(store.stillIs(id)).isTrue();
            assertThat(store.isOtherThan(id)).isFalse();
        }
    }

    @Test
    void aReplacedStoreIsNoticed() {
        MongoDatabase database = MONGO.freshDatabase();
        StoreIdentity store = new StoreIdentity(database, Duration.ZERO);
        String before = store.id();
        assertThat(store.stillIs(before)).isTrue();

        database.drop();

        assertThat(store.stillIs(before)).isFalse();
        assertThat(store.isOtherThan(before)).isTrue();
    }
}
