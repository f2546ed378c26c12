package de.participation.query.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestPersonalDataService;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read side keeps opened participants for a short while (here 2 s), per kind of reader, and
 * keeps answering while the key service is down: participants it does not hold are shown as
 * temporarily unavailable; exports, which must not leave names out, refuse instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyServiceCacheIT {

    private static final Duration CACHE_FOR = Duration.ofSeconds(2);
    private static final QueryServiceInfrastructure INFRASTRUCTURE = QueryServiceInfrastructure.start();
    private static final TestPersonalDataService KEY_SERVICE = INFRASTRUCTURE.personalData();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry);
        registry.add("participation.personal-data.cache-for", CACHE_FOR::toString);
    }

    @AfterAll
    static void stop() {
        INFRASTRUCTURE.close();
    }

    @AfterEach
    void keyServiceBack() {
        KEY_SERVICE.setDown(false);
    }

    @LocalServerPort
    int port;

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());
    private final String organiser = TestTokens.organiser(Histories.ORGANISATION);
    private final String portal = TestTokens.withRole(Roles.PORTAL);

    private Response get(String token, String path) {
        return new JsonHttp(port).get(path, "Authorization", "Bearer " + token);
    }

    private Histories meetingWith(UUID... registered) {
        Histories history = new Histories(UUID.randomUUID()).scheduled(registered.length);
        for (UUID registration : registered) {
            history.registered(registration);
        }
        publisher.publish(history.events());
        assertThat(get(organiser, "/api/v1/meetings/" + history.meetingId() + "?minSequence=" + registered.length)
                .status()).isEqualTo(200);
        return history;
    }

    private JsonNode registrations(Histories meeting) {
        Response list = get(organiser, "/api/v1/meetings/" + meeting.meetingId() + "/registrations");
        assertThat(list.status()).isEqualTo(200);
        return list.body();
    }

    @Test
    void aParticipantOpenedOnceIsNotAskedForAgainWithinTheWhileAndOnlyForTheSameKindOfReader() {
        UUID erika = UUID.randomUUID();
        Histories meeting = meetingWith(erika);
        int before = KEY_SERVICE.authorizations().size();

        registrations(meeting);
        JsonNode again = registrations(meeting);
        assertThat(KEY_SERVICE.authorizations()).hasSize(before + 1);
        assertThat(again.get(0).path("participant").path("name").asText()).isEqualTo(Histories.participant(erika).name());

        Response asPortal = get(portal, "/api/v1/registrations/" + erika);
        assertThat(asPortal.body().path("participant").path("name").asText())
                .isEqualTo(Histories.participant(erika).name());
        assertThat(KEY_SERVICE.authorizations()).as("the portal's answer is not the organiser's").hasSize(before + 2)
                .last().isEqualTo("Bearer " + portal);
    }

    @Test
    void anErasureShowsOnceTheWhileHasPassedEvenBeforeItsEventIsProjected() {
        UUID erika = UUID.randomUUID();
        Histories meeting = meetingWith(erika);
        registrations(meeting);

        KEY_SERVICE.erase(erika);

        await().atMost(CACHE_FOR.multipliedBy(3)).until(() ->
                registrations(meeting).get(0).path("personalDataErased").asBoolean());
        JsonNode erased = registrations(meeting).get(0);
        assertThat(erased.path("participant").isNull()).isTrue();
        assertThat(erased.path("participantUnavailable").asBoolean()).isFalse();
    }

    @Test
    void whileTheKeyServiceIsDownReadsAnswerWithParticipantsUnavailableAndExportsRefuse() {
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();
        Histories readBefore = meetingWith(erika);
        Histories notReadBefore = meetingWith(max);
        registrations(readBefore);

        KEY_SERVICE.setDown(true);

        assertThat(registrations(readBefore).get(0).path("participant").path("name").asText())
                .as("kept from before").isEqualTo(Histories.participant(erika).name());
        JsonNode unavailable = registrations(notReadBefore).get(0);
        assertThat(unavailable.path("registrationId").asText()).isEqualTo(max.toString());
        assertThat(unavailable.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(unavailable.path("participant").isNull()).isTrue();
        assertThat(unavailable.path("participantUnavailable").asBoolean()).isTrue();
        assertThat(unavailable.path("personalDataErased").asBoolean()).isFalse();
        Response single = get(portal, "/api/v1/registrations/" + max);
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.body().path("participantUnavailable").asBoolean()).isTrue();
        Response export = get(organiser, "/api/v1/meetings/" + notReadBefore.meetingId() + "/registrations.csv");
        assertThat(export.status()).isEqualTo(503);
        assertThat(export.body().path("code").asText()).isEqualTo("PERSONAL_DATA_UNAVAILABLE");
        assertThat(export.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(get(organiser, "/api/v1/meetings/" + notReadBefore.meetingId()).status()).isEqualTo(200);

        KEY_SERVICE.setDown(false);

        assertThat(registrations(notReadBefore).get(0).path("participant").path("name").asText())
                .isEqualTo(Histories.participant(max).name());
    }
}
