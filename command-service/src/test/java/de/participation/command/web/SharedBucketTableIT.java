package de.participation.command.web;

import de.participation.command.support.CommandServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The shared buckets refill by the database's clock, go into debt when overdrawn, and are forgotten when full. */
class SharedBucketTableIT extends CommandServiceIT {

    @Autowired
    SharedBucketTable table;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewBucketStartsFullLessWhatWasTakenAndGoesIntoDebtWhenOverdrawn() {
        String bucket = "test:" + UUID.randomUUID();

        assertThat(table.take(Map.of(bucket, 2), 3, 0.001).get(bucket)).isCloseTo(1, within(0.01));
        assertThat(table.take(Map.of(bucket, 2), 3, 0.001).get(bucket)).as("one instance's token too many")
                .isCloseTo(-1, within(0.01));
    }

    @Test
    void aBucketRefillsEvenlyUpToItsCapacityAndIsForgottenOnceFull() {
        String slow = "test:" + UUID.randomUUID();
        String fast = "test:" + UUID.randomUUID();
        table.take(Map.of(slow, 3, fast, 3), 3, 0.001);
        table.take(Map.of(fast, 0), 3, 50);

        await().atMost(Duration.ofSeconds(5)).until(() -> table.take(Map.of(fast, 0), 3, 50).get(fast) >= 3);
        assertThat(table.take(Map.of(fast, 0), 3, 50).get(fast)).as("never above capacity").isEqualTo(3);

        table.forgetFull();

        assertThat(jdbc.queryForList("select bucket from registration_limit_bucket", String.class))
                .contains(slow).doesNotContain(fast);
    }
}
