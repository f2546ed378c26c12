package de.participation.query.api;

import de.participation.localstack.JsonHttp;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting read a moment ago answers the next reads of its summary (here the moment is an hour,
 * so that the test sees it), and never hides a later event from a reader who asks for it with
 * {@code ?minSequence=}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "participation.read-models.meeting-cache-ttl=1h")
class RecentMeetingsIT {

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

    private final EventPublisher publisher = new EventPublisher(INFRASTRUCTURE.kafka().bootstrapServers());

    @Test
    void aMeetingReadAMomentAgoServesTheNextReadsButNotOneAskingForALaterEvent() {
        JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION));
        UUID erika = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(5).registered(erika);
        String meeting = "/api/v1/meetings/" + history.meetingId();
        publisher.publish(history.events());
        assertThat(organiser.get(meeting + "?minSequence=1").body().path("confirmed").asInt()).isEqualTo(1);

        publisher.publish(List.of(history.registered(UUID.randomUUID()).events().getLast()));
        assertThat(organiser.get(meeting + "?minSequence=2").body().path("confirmed").asInt()).isEqualTo(2);

        publisher.publish(List.of(history.registered(UUID.randomUUID()).events().getLast()));
        assertThat(organiser.get("/api/v1/registrations/" + erika + "?minSequence=3").status()).isEqualTo(200);
        assertThat(organiser.get(meeting).body().path("confirmed").asInt()).as("as read a moment ago").isEqualTo(2);
        assertThat(organiser.get(meeting + "?minSequence=3").body().path("confirmed").asInt()).isEqualTo(3);
    }
}
