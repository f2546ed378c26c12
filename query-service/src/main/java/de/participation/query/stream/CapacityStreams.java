package de.participation.query.stream;

import de.participation.query.meeting.MeetingSummary;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.web.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open capacity streams of this instance. A change reaches each stream that follows the
 * meeting as a fresh summary, computed once per change however many streams follow it; handing it
 * over never waits for a client. Heartbeats keep proxies from closing idle streams and find gone
 * clients.
 */
@Component
public class CapacityStreams implements SmartLifecycle {

    private final Set<StreamSubscriber> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stream-heartbeats").daemon().factory());
    private final Duration streamTimeout;
    private final Clock clock;
    private volatile boolean running;

    CapacityStreams(@Value("${participation.streams.heartbeat}") Duration heartbeat,
                    @Value("${participation.streams.timeout}") Duration streamTimeout, Clock clock) {
        this.streamTimeout = streamTimeout;
        this.clock = clock;
        heartbeats.scheduleAtFixedRate(() -> open.forEach(StreamSubscriber::heartbeat),
                heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream of {@code meetingId} (null: of every meeting the viewer sees) that starts with
     * the current summaries of {@code current}, also for a browser reconnecting with Last-Event-ID.
     * After {@code streamTimeout} the stream ends and the browser reconnects, which bounds what a
     * half-open connection can hold.
     */
    SseEmitter open(Viewer viewer, UUID meetingId, Collection<MeetingReadModel> current) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        StreamSubscriber subscriber = new StreamSubscriber(emitter, viewer, meetingId, open::remove);
        emitter.onCompletion(subscriber::end);
        emitter.onTimeout(subscriber::close);
        emitter.onError(failure -> subscriber.end());
        current.forEach(meeting -> subscriber.offer(MeetingSummary.of(meeting, clock)));
        open.add(subscriber);
        subscriber.start();
        return emitter;
    }

    /** The meetings' read models changed: every stream following one of them gets its new summary. */
    void changed(Collection<MeetingReadModel> meetings) {
        for (MeetingReadModel meeting : meetings) {
            MeetingSummary summary = null;
            for (StreamSubscriber subscriber : open) {
                if (subscriber.follows(meeting)) {
                    summary = summary != null ? summary : MeetingSummary.of(meeting, clock);
                    subscriber.offer(summary);
                }
            }
        }
    }

    public int openStreams() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown, which would otherwise wait for
     * these never-ending requests; browsers reconnect to another instance.
     */
    @Override
    public void stop() {
        running = false;
        heartbeats.shutdownNow();
        open.forEach(StreamSubscriber::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
