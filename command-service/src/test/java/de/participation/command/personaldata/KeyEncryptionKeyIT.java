package de.participation.command.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.command.support.RunningService;
import de.participation.command.support.StoredEvents;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TestTokens;
import de.participation.localstack.JsonHttp.Response;
import de.participation.web.keys.KeyEncryptionKeyFile;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Envelope encryption as an attacker and an operator meet it: the database alone, without the
 * key-encryption key, opens no participant; a new KEK is appended to the KEK file while the
 * service runs, every key is re-wrapped under it by the operator's command (two instances at it),
 * the old KEK is destroyed, and everything not erased still opens, while nothing erased comes back.
 */
class KeyEncryptionKeyIT {

    private static final String STATUS = "/api/v1/admin/key-encryption-keys";
    private static final String OPERATOR = "Bearer " + TestTokens.withRole(Roles.OPERATOR);

    @TempDir
    Path directory;

    private final String database = TestDatabase.create();
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database));
    private final StoredEvents stored = new StoredEvents(jdbc);
    private final UUID meetingId = UUID.randomUUID();

    @Test
    void theDatabaseAloneOpensNoParticipant() {
        UUID erika = UUID.randomUUID();
        try (RunningService service = RunningService.on(database)) {
            service.api().scheduleMeeting(meetingId, 5);
            service.api().register(meetingId, erika, "Erika Mustermann", "erika@example.org");
            assertThat(nameOf(open(service, erika))).isEqualTo("Erika Mustermann");
        }

        String sealed = stored.sealedParticipantOf(meetingId, erika);
        List<byte[]> storedBytes = bytesOf("participant_key");
        storedBytes.addAll(bytesOf("email_index_key"));
        assertThat(storedBytes).as("the key table holds bytes").isNotEmpty();
        assertThat(storedBytes).as("no 32 bytes stored in the key tables open the participant")
                .allSatisfy(bytes -> IntStream.rangeClosed(0, bytes.length - 32).forEach(start ->
                        assertThatThrownBy(() -> ParticipantCipher.open(Arrays.copyOfRange(bytes, start, start + 32),
                                erika, sealed)).isInstanceOf(IllegalArgumentException.class)));

        try (RunningService withoutTheKek = RunningService.on(database,
                "--participation.personal-data.key-encryption-keys.value=" + KeyEncryptionKeyFile.newEntry("another-kek"))) {
            Response refused = open(withoutTheKek, erika);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("code").asText()).isEqualTo("KEY_ENCRYPTION_KEY_MISSING");
            assertThat(refused.body().toString()).doesNotContain("Erika");
            long events = stored.total();
            Response notRecognisable = withoutTheKek.api().register(meetingId, UUID.randomUUID(), "Max", "max@example.org");
            assertThat(notRecognisable.status()).as("no one can be recognised without the email hashes' key").isEqualTo(503);
            assertThat(notRecognisable.body().path("code").asText()).isEqualTo("KEY_ENCRYPTION_KEY_MISSING");
            assertThat(stored.total()).isEqualTo(events);

            JsonNode status = withoutTheKek.api().get(STATUS, "Authorization", OPERATOR).body();
            assertThat(status.path("current").asText()).isEqualTo("another-kek");
            assertThat(status.path("keyEncryptionKeys").toString()).contains(
                    "{\"id\":\"test-kek\",\"participantKeys\":1,\"emailIndexKey\":true,\"held\":false,\"current\":false}");

            assertThat(withoutTheKek.api().post(STATUS + "/rewrap", null, "Authorization", OPERATOR).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> finished(withoutTheKek));
            assertThat(status(withoutTheKek).path("notUnderCurrent").asLong())
                    .as("the key and the email hashes' key under a KEK not held stay as they are").isEqualTo(2);
        }
    }

    @Test
    void afterRotationTheOldKekCanBeDestroyedAndEverythingNotErasedStillOpens() throws IOException {
        Path kekFile = directory.resolve("key-encryption-keys");
        Files.writeString(kekFile, "# introduced at installation\n" + KeyEncryptionKeyFile.newEntry("kek-1") + "\n");
        String fromTheFile = "--participation.personal-data.key-encryption-keys.file=" + kekFile;
        List<UUID> kept = new ArrayList<>();
        UUID erased = UUID.randomUUID();
        List<StoredEvents.StoredEvent> events;
        try (RunningService first = RunningService.on(database, fromTheFile);
             RunningService second = RunningService.on(database, fromTheFile)) {
            first.api().scheduleMeeting(meetingId, 50);
            for (int index = 0; index < 30; index++) {
                UUID registrationId = UUID.randomUUID();
                first.api().register(meetingId, registrationId, "Person " + index, "person" + index + "@example.org");
                kept.add(registrationId);
            }
            first.api().register(meetingId, erased, "Erika Mustermann", "erika@example.org");
            assertThat(first.api().post("/api/v1/registrations/" + erased + "/erasure", null,
                    "Authorization", OPERATOR).status()).isEqualTo(200);
            events = stored.of(meetingId);

            String newKek = KeyEncryptionKeyFile.newEntry("kek-2");
            Files.writeString(kekFile, newKek + "\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(10)).until(() -> status(first).path("current").asText().equals("kek-2")
                    && status(second).path("current").asText().equals("kek-2"));
            assertThat(status(first).path("notUnderCurrent").asLong()).isEqualTo(31);

            Response accepted = first.api().post(STATUS + "/rewrap", null, "Authorization", OPERATOR);
            Response alsoAccepted = second.api().post(STATUS + "/rewrap", null, "Authorization", OPERATOR);

            assertThat(accepted.status()).isEqualTo(202);
            assertThat(alsoAccepted.status()).isEqualTo(202);
            assertThat(accepted.raw().headers().firstValue("Location")).hasValue(STATUS);
            await().atMost(Duration.ofSeconds(30)).until(() -> finished(first) && finished(second));
            JsonNode done = status(first);
            assertThat(done.path("notUnderCurrent").asLong()).isZero();
            assertThat(done.path("keyEncryptionKeys").toString()).isEqualTo(
                    "[{\"id\":\"kek-2\",\"participantKeys\":30,\"emailIndexKey\":true,\"held\":true,\"current\":true}]");
            assertThat(status(first).path("rewrap").path("rewrapped").asLong()
                    + status(second).path("rewrap").path("rewrapped").asLong()).as("each key re-wrapped once").isEqualTo(30);

            Files.writeString(kekFile, newKek + "\n");
        }

        try (RunningService afterwards = RunningService.on(database, fromTheFile)) {
            JsonNode opened = open(afterwards, kept.toArray(UUID[]::new)).body().path("registrations");
            assertThat(opened).hasSize(30).allSatisfy(one -> assertThat(one.path("participant").path("name").asText())
                    .startsWith("Person "));
            assertThat(open(afterwards, erased).body().path("registrations").get(0).path("erased").asBoolean()).isTrue();
            assertThat(afterwards.api().register(meetingId, kept.getFirst(), "Person 0", "person0@example.org").status())
                    .as("a retry is still recognised: the email hashes' key opens under the new KEK").isEqualTo(200);
        }
        assertThat(stored.of(meetingId)).as("no event rewritten").usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(events);
    }

    private static JsonNode status(RunningService service) {
        return service.api().get(STATUS, "Authorization", OPERATOR).body();
    }

    private static boolean finished(RunningService service) {
        return status(service).path("rewrap").path("state").asText().equals("FINISHED");
    }

    private Response open(RunningService service, UUID... registrationIds) {
        String sealed = String.join(",", Arrays.stream(registrationIds)
                .map(id -> "{\"registrationId\": \"%s\", \"ciphertext\": \"%s\"}"
                        .formatted(id, stored.sealedParticipantOf(meetingId, id)))
                .toList());
        return service.api().post("/api/v1/personal-data/open", "{\"registrations\": [" + sealed + "]}",
                "Authorization", "Bearer " + TestTokens.organiser());
    }

    private static String nameOf(Response opened) {
        return opened.body().path("registrations").get(0).path("participant").path("name").asText();
    }

    /** Every binary value in {@code table}. */
    private List<byte[]> bytesOf(String table) {
        List<byte[]> values = new ArrayList<>();
        jdbc.query("select * from " + table, row -> {
            ResultSetMetaData columns = row.getMetaData();
            for (int column = 1; column <= columns.getColumnCount(); column++) {
                if (columns.getColumnType(column) == Types.BINARY && row.getBytes(column) != null) {
                    values.add(row.getBytes(column));
                }
            }
        });
        return values;
    }
}
