package de.participation.command.web;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Failures that say PostgreSQL cannot be reached, rather than that a command is wrong: whatever
 * wraps them (Spring's transaction or JDBC support, Axon's event store), at their root are the
 * driver's connection errors (SQLSTATE class 08), the server going down under a session (57P01 to
 * 57P03), the pool's timeout, or the pool's word for a connection it closed because it broke.
 */
final class DatabaseOutage {

    private static final String CONNECTION_EXCEPTION = "08";
    private static final String SERVER_GOING_DOWN = "57P0";
    /** HikariCP's message, without SQLSTATE, for a connection it closed under the command. */
    private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseOutage() {
    }

    static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && lostConnection(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lostConnection(SQLException failure) {
        String state = failure.getSQLState();
        return state == null ? POOL_CLOSED_CONNECTION.equals(failure.getMessage())
                : state.startsWith(CONNECTION_EXCEPTION) || state.startsWith(SERVER_GOING_DOWN);
    }
}
