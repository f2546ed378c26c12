package de.participation.query.projection;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

import java.util.List;

/**
 * Failures that say MongoDB is (briefly) unreachable or unable to take writes, rather than that an
 * event cannot be projected: the projection waits for MongoDB and tries again, however long, and
 * never parks an event because of them.
 */
public final class MongoOutage {

    private static final List<Class<? extends RuntimeException>> KINDS = List.of(MongoSocketException.class,
            MongoTimeoutException.class, MongoExecutionTimeoutException.class, MongoInterruptedException.class,
            MongoNotPrimaryException.class, MongoNodeIsRecoveringException.class, MongoWriteConcernException.class,
            MongoConnectionPoolClearedException.class, MongoServerUnavailableException.class);

    private MongoOutage() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Throwable current = cause;
            if (KINDS.stream().anyMatch(kind -> kind.isInstance(current))) {
                return true;
            }
        }
        return false;
    }
}
