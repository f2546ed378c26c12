package de.participation.command.web;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Failures that say PostgreSQL cannot be reached, rather than that a command is wrong: whatever
 * wraps them (Spring's transaction or JDBC support, Axon's event store), the driver's connection
 * errors (SQLSTATE class 08) or the pool's timeout are at their root.
 */
final class DatabaseOutage {

    private static final String CONNECTION_EXCEPTION = "08";

    private DatabaseOutage() {
    }

    static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }
}
