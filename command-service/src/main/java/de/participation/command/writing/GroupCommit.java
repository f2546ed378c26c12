package de.participation.command.writing;

import de.participation.command.meeting.MeetingRuleViolation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Decides a batch of one meeting's commands one after another, in queue order, against the meeting
 * in memory, and stores what they did in one transaction with one commit.
 *
 * <p>Each command runs through Axon's command bus as it always did, in a unit of work nested in
 * the batch's: the aggregate is loaded once for the batch and kept by Axon across the nested units,
 * the events of every command are appended together when the batch commits, and the id claims and
 * key rows that the commands write go into the same transaction. A command refused by a rule rolls
 * back its nested unit (its events) and the transaction to a savepoint taken before it (whatever it
 * wrote, should a rule ever fail after a write); a command alone in its batch rolls back the whole.
 *
 * <p>Nobody hears an answer before the commit: the answers, refusals included (they may depend on
 * an earlier command of the batch), are handed out after it. If the commit fails because another
 * instance appended to the meeting first, nothing of the batch was stored, and the whole batch is
 * decided again on the fresh meeting. If one command fails unexpectedly (not a rule), the batch is
 * rolled back and its commands are carried out one by one, so that only that command fails.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final SQLExceptionTranslator SQL_FAILURES = new SQLExceptionSubclassTranslator();
    private static final String SAVEPOINT = "savepoint of a command in its batch";

    private final CommandBus commandBus;
    private final TransactionManager transactionManager;
    private final DataSource dataSource;
    private final int maxAttempts;
    private final ObservationRegistry observations;
    private final DistributionSummary batchSize;

    GroupCommit(CommandBus commandBus, TransactionManager transactionManager, DataSource dataSource, int maxAttempts,
                ObservationRegistry observations, MeterRegistry meters) {
        this.commandBus = commandBus;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.maxAttempts = maxAttempts;
        this.observations = observations;
        this.batchSize = DistributionSummary.builder("participation.writer.batch.size")
                .description("Commands of one meeting decided and committed together")
                .register(meters);
    }

    /** Decides and commits the batch, observed as {@value BatchCommitContext#NAME} (a timer and a span). */
    void write(List<PendingCommand> batch) {
        batchSize.record(batch.size());
        Observation.createNotStarted(BatchCommitContext.NAME, () -> new BatchCommitContext(batch), observations)
                .observe(() -> decideAndAnswer(batch));
    }

    private void decideAndAnswer(List<PendingCommand> batch) {
        for (int attempt = 1; ; attempt++) {
            List<CommandResultMessage<?>> answers;
            try {
                answers = decideAndCommit(batch);
            } catch (RuntimeException failure) {
                if (isWriteConflict(failure) && attempt < maxAttempts) {
                    log.debug("Write conflict on a batch of {} (attempt {}), deciding it again", batch.size(), attempt);
                    backOff(attempt);
                    continue;
                }
                batch.forEach(command -> command.answer().completeExceptionally(failure));
                return;
            }
            if (answers == null) {
                // One by one, skipping those whose callers gave up meanwhile (as the queue does).
                batch.stream().filter(command -> !command.abandoned()).forEach(command -> write(List.of(command)));
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
            return;
        }
    }

    /**
     * The answers, in the batch's order, once committed; null if a command failed unexpectedly in
     * a batch of several (rolled back, to be carried out one by one).
     */
    private List<CommandResultMessage<?>> decideAndCommit(List<PendingCommand> batch) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            unitOfWork.attachTransaction(transactionManager);
            List<CommandResultMessage<?>> answers = new ArrayList<>(batch.size());
            boolean alone = batch.size() == 1;
            // The batch's transactional connection, which Spring bound to this thread.
            Connection connection = alone ? null : DataSourceUtils.getConnection(dataSource);
            for (PendingCommand command : batch) {
                Savepoint beforeCommand = alone ? null : connection.setSavepoint();
                // The simple command bus handles the command in this thread, in a nested unit of work.
                commandBus.dispatch(command.message(), (message, answer) -> answers.add(answer));
                if (!alone && answers.getLast().isExceptional()) {
                    connection.rollback(beforeCommand);
                }
            }
            DataSourceUtils.releaseConnection(connection, dataSource);
            if (answers.stream().anyMatch(GroupCommit::failedUnexpectedly) && !alone) {
                unitOfWork.rollback();
                return null;
            }
            if (alone && answers.getFirst().isExceptional()) {
                unitOfWork.rollback();
            } else {
                unitOfWork.commit();
            }
            return answers;
        } catch (SQLException savepointFailed) {
            // As Spring's JDBC support reports it, so that a lost connection answers 503 like any other.
            DataAccessException translated = SQL_FAILURES.translate(SAVEPOINT, null, savepointFailed);
            DataAccessException failure = translated != null ? translated
                    : new UncategorizedSQLException(SAVEPOINT, null, savepointFailed);
            unitOfWork.rollback(failure);
            throw failure;
        } catch (RuntimeException | Error failure) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(failure);
            }
            throw failure;
        }
    }

    private static boolean failedUnexpectedly(CommandResultMessage<?> answer) {
        return answer.isExceptional() && !(answer.exceptionResult() instanceof MeetingRuleViolation);
    }

    static boolean isWriteConflict(Throwable failure) {
        return failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException;
    }

    /** Jittered and growing, so that instances that collided do not collide again in lockstep. */
    private static void backOff(int attempt) {
        long maxMicros = Math.min(50_000, 500L << Math.min(attempt, 7));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1_000);
    }
}
