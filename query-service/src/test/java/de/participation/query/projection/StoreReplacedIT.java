package de.participation.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.participation.localstack.JsonHttp;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read models whose store is replaced while the service runs (a MongoDB restored from nothing, the
 * local stack's in-memory stand-in restarted) come back: the projection notices the new store,
 * projects the history into it from the beginning, and the documents end as they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoreReplacedIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readModels;

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());

    @Test
    void readModelsInAReplacedStoreAreProjectedAgainFromTheHistory() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(1).registered(UUID.randomUUID())
                .waitlisted(UUID.randomUUID(), 1);
        publisher.publish(history.events());
        String meeting = "/api/v1/meetings/" + history.meetingId();
        JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION));
        assertThat(organiser.get(meeting + "?minSequence=2").status()).isEqualTo(200);
        List<Map.Entry<String, Document>> projected = readModelsOnly();

        readModels.drop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readModelsOnly()).isEqualTo(projected));
        assertThat(organiser.get(meeting).body().path("waitlisted").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> readModels.getCollection("webhook_meeting_organisations")
                .find(Filters.eq("_id", history.meetingId().toString())).first() != null);
    }

    /**
     * Everything but what names the store (the projection's own state, and the stamp of the store
     * that meetings and arrival documents were written for) and what the webhooks' consumer group
     * keeps, at its own pace (it, too, reads the history again into the new store: checked above).
     */
    private List<Map.Entry<String, Document>> readModelsOnly() {
        return TestMongo.contents(readModels).stream()
                .filter(entry -> !entry.getKey().equals(LiveReadModels.STATE) && !entry.getKey().startsWith("webhook_"))
                .map(entry -> Map.entry(entry.getKey(), withoutStamp(entry.getValue())))
                .toList();
    }

    private static Document withoutStamp(Document document) {
        Document copy = new Document(document);
        copy.remove("store");
        return copy;
    }
}
