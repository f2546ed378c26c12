package de.participation.command.forwarding;

import de.participation.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes sure the events topic exists before the first send (not at start-up, so that the service
 * starts and accepts commands while Kafka is down; this service alone creates it, the query service
 * only reads it), and carries out a republish request of the
 * migration that sealed personal data: the topic still holds the old events with personal data in
 * clear, so every record in it is deleted before the forwarder, reset to the start of the store,
 * publishes the history again.
 */
class MeetingEventsTopic {

    private static final Logger log = LoggerFactory.getLogger(MeetingEventsTopic.class);

    private final KafkaProperties properties;
    private final Map<String, Object> client;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private volatile boolean ensured;
    private volatile boolean readyToSend;

    MeetingEventsTopic(KafkaProperties properties, Map<String, Object> client, JdbcTemplate jdbc,
                       PlatformTransactionManager transactions) {
        this.properties = properties;
        this.client = client;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    synchronized void ensureExists() {
        if (!ensured) {
            Topics.ensureExists(client, properties.topic(), properties.partitions(),
                    properties.replicationFactor());
            ensured = true;
        }
    }

    /**
     * Called by the forwarder only, which alone publishes (its position is claimed by one instance):
     * another instance emptying the topic could delete records already republished. The request is
     * withdrawn in a transaction of its own once the topic is empty, before the first send; if the
     * service stops in between, the next start empties the topic again, which is harmless since
     * nothing was republished yet.
     */
    void prepareForSending() {
        if (!readyToSend) {
            ensureExists();
            if (jdbc.queryForObject("select count(*) from topic_republish_request", Integer.class) > 0) {
                deleteAllRecords();
                ownTransaction.executeWithoutResult(status -> jdbc.update("delete from topic_republish_request"));
            }
            readyToSend = true;
        }
    }

    private void deleteAllRecords() {
        try (Admin admin = Topics.admin(client)) {
            var partitions = admin.describeTopics(List.of(properties.topic())).allTopicNames().get()
                    .get(properties.topic()).partitions().stream()
                    .map(partition -> new TopicPartition(properties.topic(), partition.partition()))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> ends = admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey,
                            end -> RecordsToDelete.beforeOffset(end.getValue().offset())));
            admin.deleteRecords(ends).all().get();
            log.warn("Deleted every record of {} (events published before personal data was sealed); "
                    + "republishing the whole history", properties.topic());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot empty topic " + properties.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while emptying topic " + properties.topic(), e);
        }
    }
}
