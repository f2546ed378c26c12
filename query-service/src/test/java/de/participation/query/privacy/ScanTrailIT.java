package de.participation.query.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestTokens;
import de.participation.web.privacy.KeyedHash;
import de.participation.web.security.Roles;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scan of the read side leaves an entry in its trail: who, when, a keyed hash of the address, never the address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScanTrailIT {

    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();
    private static final String SCANS = "/api/v1/admin/personal-data-scans";

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

    private final KeyedHash hash = new KeyedHash(TestTokens.HASH_KEY);

    private JsonHttp as(String role) {
        return new JsonHttp(port).withBearer(TestTokens.withRole(role));
    }

    @Test
    void aScanIsRecordedWithTheKeyedHashOfTheAddressNeverTheAddress() {
        String address = "Erika-" + UUID.randomUUID() + "@Example.org";
        long before = readModels.getCollection(ScanTrail.COLLECTION).countDocuments();

        assertThat(as(Roles.DATA_PROTECTION).post(SCANS, "{\"email\": \"" + address + "\"}").status()).isEqualTo(200);

        Response trail = as(Roles.AUDITOR).get(SCANS + "?limit=1");
        assertThat(trail.status()).isEqualTo(200);
        assertThat(Long.parseLong(trail.raw().headers().firstValue("X-Total-Count").orElseThrow())).isEqualTo(before + 1);
        JsonNode newest = trail.body().get(0);
        assertThat(newest.path("request").asText()).isEqualTo("scan");
        assertThat(newest.path("subject").asText()).isEqualTo("data-protection-local");
        assertThat(newest.path("addressHash").asText())
                .isEqualTo(hash.of("personal-data-scan", address.toLowerCase()));
        String stored = readModels.getCollection(ScanTrail.COLLECTION).find().into(new ArrayList<>()).stream()
                .map(Document::toJson).toList().toString().toLowerCase();
        assertThat(stored).contains(newest.path("addressHash").asText().toLowerCase())
                .doesNotContain(address.toLowerCase())
                .doesNotContain(address.substring(0, address.indexOf('@')).toLowerCase());
    }

    @Test
    void theTrailIsReadNewestFirstPageByPage() {
        for (String address : new String[]{"first@example.org", "second@example.org"}) {
            as(Roles.DATA_PROTECTION).post(SCANS, "{\"email\": \"" + address + "\"}");
        }

        Response first = as(Roles.DATA_PROTECTION).get(SCANS + "?offset=0&limit=1");
        Response second = as(Roles.DATA_PROTECTION).get(SCANS + "?offset=1&limit=1");

        assertThat(first.body().get(0).path("addressHash").asText())
                .isEqualTo(hash.of("personal-data-scan", "second@example.org"));
        assertThat(first.raw().headers().firstValue("Link")).hasValueSatisfying(link ->
                assertThat(link).contains("offset=1").contains("rel=\"next\""));
        assertThat(second.body().get(0).path("addressHash").asText())
                .isEqualTo(hash.of("personal-data-scan", "first@example.org"));
        assertThat(as(Roles.DATA_PROTECTION).get(SCANS + "?limit=1001").status()).isEqualTo(400);
    }
}
