package de.participation.query.kafka;

import de.participation.kafka.Topics;
import de.participation.localstack.JsonHttp;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events topic is the command service's: the query service may only read it (on compose's
 * broker its ACLs allow no more, SecuredBrokerTest). Started before the topic exists, the service
 * creates its own topics and waits, its health saying so (DEGRADED), and projects once the command
 * service created it and published.
 */
class EventsTopicIT {

    @Test
    void theServiceWaitsForTheEventsTopicInsteadOfCreatingIt() {
        try (QueryServiceInfrastructure infrastructure = QueryServiceInfrastructure.start()) {
            List<String> arguments = new ArrayList<>(infrastructure.arguments(TestMongo.freshDatabaseName()));
            arguments.add("--server.port=0");
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                    .run(arguments.toArray(String[]::new))) {
                Map<String, Object> kafka = Topics.plaintext(infrastructure.kafka().bootstrapServers());
                await().atMost(Duration.ofSeconds(60)).until(() -> Topics.exists(kafka, Topics.MEETING_EVENTS_DEAD_LETTERS)
                        && Topics.exists(kafka, Topics.SKIPPED_RECORDS));
                assertThat(Topics.exists(kafka, Topics.MEETING_EVENTS)).as("its consumers started without creating it")
                        .isFalse();
                int port = ((WebServerApplicationContext) service).getWebServer().getPort();
                assertThat(kafkaHealth(port)).as("waiting for the topic").isEqualTo("DEGRADED");

                Histories meeting = new Histories(UUID.randomUUID()).scheduled(5).registered(UUID.randomUUID());
                try (EventPublisher commandService = new EventPublisher(infrastructure.kafka().bootstrapServers())) {
                    commandService.publish(meeting.events());
                }
                JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser(Histories.ORGANISATION));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        organiser.get("/api/v1/meetings/" + meeting.meetingId()).body().path("confirmed").asInt())
                        .isEqualTo(1));
                assertThat(kafkaHealth(port)).isEqualTo("UP");
            }
        }
    }

    private static String kafkaHealth(int port) {
        return new JsonHttp(port).get("/actuator/health").body().path("components").path("kafka").path("status").asText();
    }
}
