package de.participation.command.forwarding;

import de.participation.command.support.TestDataDirectory;
import de.participation.command.support.TestDatabase;
import de.participation.kafka.Topics;
import de.participation.localstack.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The history topic exists as soon as the service has started, before any event was stored. */
@SpringBootTest
class TopicCreationIT {

    private static final LocalKafka KAFKA = LocalKafka.start(TestDataDirectory.create(), 0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("participation.kafka.enabled", () -> "true");
        registry.add("participation.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @Test
    void topicIsCreatedAtStartUpWithSixPartitionsAndInfiniteRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.listTopics().names().get().contains(Topics.MEETING_EVENTS));
            var description = admin.describeTopics(Set.of(Topics.MEETING_EVENTS)).allTopicNames().get()
                    .get(Topics.MEETING_EVENTS);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MEETING_EVENTS);
            Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);

            assertThat(description.partitions()).hasSize(6);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }
}
