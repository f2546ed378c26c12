package de.participation.query.kafka;

import de.participation.query.projection.StoreIdentity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offsets that belong to one MongoDB store ({@link StoreIdentity}): a consumer commits them with
 * the id of the store it wrote into, and a consumer that finds offsets committed for another store
 * (a MongoDB restored from nothing, the local stack's in-memory stand-in after a restart) reads its
 * partitions again from the beginning, so that the new store receives everything.
 */
public final class StoreBoundOffsets {

    private static final Logger log = LoggerFactory.getLogger(StoreBoundOffsets.class);

    private StoreBoundOffsets() {
    }

    /** The offsets after the batch, marked with the store its work was written into. */
    public static Map<TopicPartition, OffsetAndMetadata> after(ConsumerRecords<String, String> records, String storeId) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            next.put(partition, new OffsetAndMetadata(records.records(partition).getLast().offset() + 1, storeId));
        }
        return next;
    }

    /** The offsets after these records (some of a batch), marked with the store their work was written into. */
    public static Map<TopicPartition, OffsetAndMetadata> after(List<ConsumerRecord<String, String>> records, String storeId) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            next.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1, storeId),
                    (one, other) -> one.offset() >= other.offset() ? one : other);
        }
        return next;
    }

    /** On assignment: seeks to the beginning of the partitions whose offsets were committed for another store. */
    public static void restartIfCommittedForAnotherStore(KafkaConsumer<String, String> kafka,
                                                         Collection<TopicPartition> partitions, StoreIdentity store) {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(Set.copyOf(partitions));
        List<TopicPartition> fromTheStart = partitions.stream()
                .filter(partition -> committed.get(partition) != null
                        && store.isOtherThan(committed.get(partition).metadata()))
                .toList();
        if (!fromTheStart.isEmpty()) {
            log.warn("The offsets of {} were committed for another store; reading them from the start", fromTheStart);
            kafka.seekToBeginning(fromTheStart);
        }
    }
}
