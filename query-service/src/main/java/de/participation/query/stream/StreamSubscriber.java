package de.participation.query.stream;

import de.participation.query.meeting.MeetingSummary;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.web.Viewer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One open stream. Its mailbox keeps only the newest summary per meeting, and a virtual thread of
 * its own writes to the client: a slow client delays only itself and skips states it could not
 * keep up with (it always gets the latest), and a gone client ends its thread at the next write
 * (a heartbeat at the latest). Nothing here grows with the number of changes.
 */
final class StreamSubscriber {

    static final String EVENT_NAME = "capacity";

    private final SseEmitter emitter;
    private final Viewer viewer;
    /** The one meeting this stream follows; null for every meeting the viewer sees. */
    private final UUID meetingId;
    private final Consumer<StreamSubscriber> onEnd;
    private final Map<UUID, MeetingSummary> pending = new LinkedHashMap<>();
    private boolean heartbeatDue;
    private boolean ended;

    StreamSubscriber(SseEmitter emitter, Viewer viewer, UUID meetingId, Consumer<StreamSubscriber> onEnd) {
        this.emitter = emitter;
        this.viewer = viewer;
        this.meetingId = meetingId;
        this.onEnd = onEnd;
    }

    void start() {
        Thread.ofVirtual().name("capacity-stream").start(this::deliverUntilEnded);
    }

    boolean follows(MeetingReadModel meeting) {
        return (meetingId == null || meetingId.equals(meeting.meetingId())) && viewer.sees(meeting);
    }

    synchronized void offer(MeetingSummary summary) {
        pending.remove(summary.meetingId());
        pending.put(summary.meetingId(), summary);
        notifyAll();
    }

    synchronized void heartbeat() {
        heartbeatDue = true;
        notifyAll();
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** Ends the stream from the server's side, as on shutdown. */
    void close() {
        end();
        emitter.complete();
    }

    private void deliverUntilEnded() {
        try {
            while (true) {
                List<MeetingSummary> summaries;
                boolean heartbeat;
                synchronized (this) {
                    while (!ended && pending.isEmpty() && !heartbeatDue) {
                        wait();
                    }
                    if (ended) {
                        return;
                    }
                    summaries = new ArrayList<>(pending.values());
                    pending.clear();
                    heartbeat = heartbeatDue && summaries.isEmpty();
                    heartbeatDue = false;
                }
                for (MeetingSummary summary : summaries) {
                    emitter.send(SseEmitter.event().name(EVENT_NAME).id(Long.toString(summary.sequence()))
                            .data(summary, MediaType.APPLICATION_JSON));
                }
                if (heartbeat) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            }
        } catch (IOException | IllegalStateException clientGone) {
            emitter.completeWithError(clientGone);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            onEnd.accept(this);
        }
    }
}
