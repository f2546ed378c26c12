package de.participation.command.writing;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A single writer per meeting: every command goes into its meeting's bounded queue, and a writer
 * (a virtual thread that lives while the queue has work) takes what is waiting and hands it to
 * {@link GroupCommit} as one batch. The commands of one meeting are therefore decided one after
 * another in arrival order, and stored in that order, while the commands of other meetings have
 * queues and writers of their own: a rush on one meeting does not hold up the others.
 *
 * <p>Each batch holds a database connection while it runs, so at most {@code concurrentBatches}
 * run at once (fewer than the pool has connections); a writer waiting for its turn holds nothing
 * but its queue, which keeps filling, so the next batch is larger.
 */
public final class MeetingWriters {

    private static final Logger log = LoggerFactory.getLogger(MeetingWriters.class);
    private static final CommandTargetResolver MEETING_OF_COMMAND = AnnotationCommandTargetResolver.builder().build();

    private final ConcurrentHashMap<String, MeetingQueue> queues = new ConcurrentHashMap<>();
    private final GroupCommit groupCommit;
    private final WriterSettings settings;
    private final Semaphore batchSlots;
    private final Tracer tracer;
    private final DistributionSummary queueDepth;
    /** Notified whenever a writer ends, for a stop waiting for the last one. */
    private final Object writerEnded = new Object();
    private volatile boolean stopping;

    MeetingWriters(GroupCommit groupCommit, WriterSettings settings, Tracer tracer, MeterRegistry meters) {
        this.groupCommit = groupCommit;
        this.settings = settings;
        this.batchSlots = new Semaphore(settings.concurrentBatches(), true);
        this.tracer = tracer;
        // Recorded whenever a writer takes a batch: the distribution of the queues' depths over the
        // meetings with work (no meeting id: their number is unbounded).
        this.queueDepth = DistributionSummary.builder("participation.writer.queue.depth")
                .description("Commands waiting in a meeting's queue when its writer takes the next batch")
                .register(meters);
        Gauge.builder("participation.writer.queue.depth.largest", this, MeetingWriters::largestQueue)
                .description("Commands waiting in the fullest meeting queue right now; at queue-per-meeting the "
                        + "meeting's next command is answered 503")
                .register(meters);
    }

    /**
     * Queues {@code command} behind the commands of its meeting that came before it.
     *
     * @throws MeetingBusyException if the meeting's queue is full, or the writers are stopping
     */
    public CompletableFuture<CommandResultMessage<?>> submit(CommandMessage<?> command) {
        if (stopping) {
            throw new MeetingBusyException();
        }
        String meetingId = MEETING_OF_COMMAND.resolveTarget(command).getIdentifier();
        PendingCommand pending = new PendingCommand(command, tracer.currentTraceContext().context());
        while (true) {
            MeetingQueue queue = queues.computeIfAbsent(meetingId, id -> new MeetingQueue(settings.queuePerMeeting()));
            switch (queue.offer(pending)) {
                case QUEUED -> {
                    return pending.answer();
                }
                case QUEUED_START_WRITER -> {
                    // not named for its meeting: a structured log line carries the thread's name as a field
                    Thread.ofVirtual().name("meeting-writer").start(() -> drain(meetingId, queue));
                    return pending.answer();
                }
                case FULL -> throw new MeetingBusyException();
                case RETIRED -> queues.remove(meetingId, queue);
            }
        }
    }

    private void drain(String meetingId, MeetingQueue queue) {
        try {
            while (true) {
                batchSlots.acquireUninterruptibly();
                try {
                    List<PendingCommand> batch = queue.takeBatch(settings.maxBatch());
                    if (batch.isEmpty()) {
                        retire(meetingId, queue);
                        return;
                    }
                    queueDepth.record(batch.size() + queue.depth());
                    groupCommit.write(batch);
                } finally {
                    batchSlots.release();
                }
            }
        } catch (RuntimeException | Error unexpected) {
            // GroupCommit answers every failure itself; this is a last resort so that the queue's
            // callers are not left waiting for a writer that died.
            log.error("The writer of meeting {} failed", meetingId, unexpected);
            retire(meetingId, queue);
            for (List<PendingCommand> rest = queue.takeBatch(Integer.MAX_VALUE); !rest.isEmpty();
                 rest = queue.takeBatch(Integer.MAX_VALUE)) {
                rest.forEach(command -> command.answer().completeExceptionally(unexpected));
            }
            throw unexpected;
        }
    }

    /** Only the meetings with work have a queue, so this looks at no more than those. */
    private int largestQueue() {
        return queues.values().stream().mapToInt(MeetingQueue::depth).max().orElse(0);
    }

    private void retire(String meetingId, MeetingQueue queue) {
        queues.remove(meetingId, queue);
        synchronized (writerEnded) {
            writerEnded.notifyAll();
        }
    }

    /**
     * Takes no more commands (they are answered busy) and waits, at most {@code timeout}, until
     * every command already queued is decided and committed. Called once, when the service stops,
     * after the web server has answered the requests under way.
     *
     * @return whether every queue was drained in time
     */
    boolean stopAndDrain(Duration timeout) {
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (writerEnded) {
            for (long left = timeout.toNanos(); !queues.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                try {
                    writerEnded.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return queues.isEmpty();
        }
    }

    /** The meeting's queue is full: more commands are waiting for it than can be decided in time. */
    public static final class MeetingBusyException extends RuntimeException {
        MeetingBusyException() {
            super("Too many commands are waiting for this meeting; retry shortly", null, false, false);
        }
    }
}
