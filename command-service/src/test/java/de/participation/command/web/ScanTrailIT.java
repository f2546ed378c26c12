package de.participation.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TestTokens;
import de.participation.localstack.JsonHttp.Response;
import de.participation.web.privacy.KeyedHash;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scan, and every request for an address's hashes, leaves an entry in the trail: who, when, a keyed hash. */
class ScanTrailIT extends CommandServiceIT {

    @Autowired
    JdbcTemplate jdbc;

    private final String dataProtection = "Bearer " + TestTokens.withRole(Roles.DATA_PROTECTION);

    @Test
    void aScanIsRecordedWithTheKeyedHashOfTheAddressNeverTheAddress() {
        String address = "Erika-" + UUID.randomUUID() + "@Example.org";
        long before = trailTotal();

        assertThat(api.post("/api/v1/admin/personal-data-scans", "{\"email\": \"" + address + "\"}",
                "Authorization", dataProtection).status()).isEqualTo(200);

        Response trail = api.get("/api/v1/admin/personal-data-scans?limit=1",
                "Authorization", "Bearer " + TestTokens.withRole(Roles.AUDITOR));
        assertThat(trail.status()).isEqualTo(200);
        assertThat(Long.parseLong(trail.raw().headers().firstValue("X-Total-Count").orElseThrow())).isEqualTo(before + 1);
        JsonNode newest = trail.body().get(0);
        assertThat(newest.path("request").asText()).isEqualTo("scan");
        assertThat(newest.path("subject").asText()).isEqualTo("data-protection-local");
        assertThat(newest.path("at").asText()).isNotBlank();
        assertThat(newest.path("addressHash").asText())
                .isEqualTo(new KeyedHash(TestDatabase.HASH_KEY).of("personal-data-scan", address.toLowerCase()));
        assertThat(jdbc.queryForList("select * from personal_data_scan_trail").toString().toLowerCase())
                .doesNotContain(address.toLowerCase())
                .doesNotContain(address.substring(0, address.indexOf('@')).toLowerCase());
    }

    @Test
    void theHashesForTheReadSidesScanAreRecordedToo() {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);

        assertThat(api.post("/api/v1/personal-data/email-hashes", """
                {"email": "lea@example.org", "meetingIds": ["%s"]}""".formatted(meetingId),
                "Authorization", dataProtection).status()).isEqualTo(200);

        JsonNode newest = api.get("/api/v1/admin/personal-data-scans", "Authorization", dataProtection).body().get(0);
        assertThat(newest.path("request").asText()).isEqualTo("email-hashes");
        assertThat(newest.toString()).doesNotContain("lea@example.org");
    }

    @Test
    void theTrailIsReadNewestFirstPageByPage() {
        for (String address : new String[]{"first@example.org", "second@example.org"}) {
            api.post("/api/v1/admin/personal-data-scans", "{\"email\": \"" + address + "\"}",
                    "Authorization", dataProtection);
        }
        KeyedHash hash = new KeyedHash(TestDatabase.HASH_KEY);

        Response first = api.get("/api/v1/admin/personal-data-scans?offset=0&limit=1", "Authorization", dataProtection);
        Response second = api.get("/api/v1/admin/personal-data-scans?offset=1&limit=1", "Authorization", dataProtection);

        assertThat(first.body().get(0).path("addressHash").asText())
                .isEqualTo(hash.of("personal-data-scan", "second@example.org"));
        assertThat(first.raw().headers().firstValue("Link")).hasValueSatisfying(link ->
                assertThat(link).contains("offset=1").contains("rel=\"next\""));
        assertThat(second.body().get(0).path("addressHash").asText())
                .isEqualTo(hash.of("personal-data-scan", "first@example.org"));
        assertThat(api.get("/api/v1/admin/personal-data-scans?limit=0", "Authorization", dataProtection).status())
                .isEqualTo(400);
    }

    private long trailTotal() {
        return jdbc.queryForObject("select count(*) from personal_data_scan_trail", Long.class);
    }
}
