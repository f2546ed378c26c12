package de.participation.localstack;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in serves the real driver. */
class LocalMongoTest {

    @Test
    void inMemoryStandInServesTheDriver() {
        try (LocalMongo mongo = LocalMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri())) {
            readModels(client).insertOne(new Document("_id", "meeting-1"));
            assertThat(readModels(client).countDocuments()).isEqualTo(1);
            assertThat(mongo.environment()).containsEntry("MONGODB_URI", mongo.uri())
                    .containsEntry("MONGODB_CHANGE_STREAMS", "false");
        }
    }

    private static MongoCollection<Document> readModels(MongoClient client) {
        return client.getDatabase("participation").getCollection("meetings")
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }
}
