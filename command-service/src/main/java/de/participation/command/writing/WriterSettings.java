package de.participation.command.writing;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the meetings' writers batch ({@code participation.commands.*}).
 *
 * @param queuePerMeeting   commands that may wait for one meeting; one more is answered 503 at once
 * @param maxBatch          commands decided and committed together at most; each runs after a savepoint,
 *                          and PostgreSQL keeps up to 64 subtransactions of a transaction in shared
 *                          memory before every reader's snapshot grows costly
 * @param concurrentBatches batches running at once, each on a database connection of its own
 * @param maxAttempts       times a batch is decided again after another instance wrote first
 */
@Validated
@ConfigurationProperties("participation.commands")
record WriterSettings(@Positive int queuePerMeeting, @Positive int maxBatch, @Positive int concurrentBatches,
                      @Positive int maxAttempts) {
}
