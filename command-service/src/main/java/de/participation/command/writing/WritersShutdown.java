package de.participation.command.writing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Lets the meetings' writers finish their batches when the service stops. Spring stops the higher
 * phases first: the web server answers the requests under way (graceful shutdown) and closes, then
 * this phase drains the queues (deadline commands, commands whose callers gave up waiting), and
 * only then does Axon stop, the forwarder having forwarded what they stored
 * ({@code ForwarderDrain}), and the database pool close.
 */
final class WritersShutdown implements SmartLifecycle {

    /** After the web server has stopped (a phase 1024 below its graceful shutdown), before the forwarder drains. */
    static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024 - 256;

    private static final Logger log = LoggerFactory.getLogger(WritersShutdown.class);

    private final MeetingWriters writers;
    private final Duration timeout;
    private volatile boolean running;

    WritersShutdown(MeetingWriters writers, Duration timeout) {
        this.writers = writers;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!writers.stopAndDrain(timeout)) {
            log.warn("The meetings' writers did not finish their queued commands within {}", timeout);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
