package de.participation.query.web;

import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.ProjectionSignal;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.ReadModelStore;
import de.participation.query.projection.RegistrationReadModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code ?minSequence=N}: answers once the meeting's read model has applied its event N (the
 * {@code sequence} of a command's answer), waiting up to a bound (5 s by default), then gives up
 * with 504 NOT_YET_PROJECTED. Without it, reads answer at once from what is projected (a meeting
 * as read a moment ago, see {@link RecentMeetings}).
 */
@Component
public class ReadYourWrites {

    private static final Duration RECHECK = Duration.ofMillis(100);

    private final LiveReadModels readModels;
    private final RecentMeetings recentMeetings;
    private final ProjectionSignal signal;
    private final Duration maxWait;

    ReadYourWrites(LiveReadModels readModels, RecentMeetings recentMeetings, ProjectionSignal signal,
                   @Value("${participation.read-your-writes.max-wait:5s}") Duration maxWait) {
        this.readModels = readModels;
        this.recentMeetings = recentMeetings;
        this.signal = signal;
        this.maxWait = maxWait;
    }

    public record RegistrationInMeeting(RegistrationReadModel registration, MeetingReadModel meeting) {
    }

    /**
     * The meeting once it has applied {@code minSequence}; empty if unknown and nothing to wait for.
     * A meeting read a moment ago ({@link RecentMeetings}) serves if it shows that event already.
     */
    public Optional<MeetingReadModel> meeting(UUID meetingId, Long minSequence) {
        Optional<MeetingReadModel> recent = recentMeetings.meeting(meetingId);
        if (minSequence == null || recent.filter(meeting -> meeting.sequence() >= minSequence).isPresent()) {
            return recent;
        }
        return read(() -> recentMeetings.freshMeeting(meetingId), meeting -> meeting.sequence() >= minSequence,
                minSequence, "Meeting " + meetingId);
    }

    /**
     * The registration and its meeting, once the meeting has applied {@code minSequence}. The
     * projection writes a meeting after everything else of an event, so the registration is read
     * again after its meeting: read before, it could miss what the meeting already shows.
     */
    public Optional<RegistrationInMeeting> registration(UUID registrationId, Long minSequence) {
        return read(() -> {
                    ReadModelStore store = readModels.live();
                    return store.registration(registrationId)
                            .flatMap(registration -> store.meeting(registration.meetingId()))
                            .flatMap(meeting -> store.registration(registrationId)
                                    .map(registration -> new RegistrationInMeeting(registration, meeting)));
                },
                found -> found.meeting().sequence() >= minSequence, minSequence, "Registration " + registrationId);
    }

    private <T> Optional<T> read(Supplier<Optional<T>> reader, Predicate<T> applied, Long minSequence, String what) {
        Optional<T> found = reader.get();
        if (minSequence == null) {
            return found;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (found.isEmpty() || !applied.test(found.get())) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new NotYetProjectedException(what + " does not show event " + minSequence + " yet; retry shortly");
            }
            try {
                signal.awaitProjection(Duration.ofNanos(Math.min(remaining, RECHECK.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotYetProjectedException(what + ": interrupted while waiting");
            }
            found = reader.get();
        }
        return found;
    }

    static class NotYetProjectedException extends RuntimeException {
        NotYetProjectedException(String message) {
            super(message, null, false, false);
        }
    }
}
