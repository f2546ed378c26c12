package de.participation.query.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.ReadModelStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The meetings read in the last moments ({@code participation.read-models.meeting-cache-ttl},
 * 250 ms by default), so that the many who look at one meeting's seats during a rush cost one
 * read of MongoDB per moment rather than one each. A meeting read from here is at most that much
 * older than the read model, which is itself behind the command side by the projection's lag;
 * whoever must see a given event asks with {@code ?minSequence=}, which reads past this
 * ({@link ReadYourWrites}). Meetings that do not exist (yet) are not remembered.
 */
@Component
class RecentMeetings {

    private record Key(long generation, UUID meetingId) {
    }

    private final LiveReadModels readModels;
    private final Cache<Key, MeetingReadModel> recent;

    RecentMeetings(LiveReadModels readModels,
                   @Value("${participation.read-models.meeting-cache-ttl:250ms}") Duration timeToLive) {
        this.readModels = readModels;
        this.recent = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(10_000).build();
    }

    /** The meeting as read at most the time to live ago. */
    Optional<MeetingReadModel> meeting(UUID meetingId) {
        ReadModelStore store = readModels.live();
        Key key = new Key(store.generation(), meetingId);
        MeetingReadModel known = recent.getIfPresent(key);
        return known != null ? Optional.of(known) : fresh(store, key);
    }

    /** The meeting as the read model shows it now. */
    Optional<MeetingReadModel> freshMeeting(UUID meetingId) {
        ReadModelStore store = readModels.live();
        return fresh(store, new Key(store.generation(), meetingId));
    }

    private Optional<MeetingReadModel> fresh(ReadModelStore store, Key key) {
        Optional<MeetingReadModel> meeting = store.meeting(key.meetingId());
        meeting.ifPresent(found -> recent.put(key, found));
        return meeting;
    }
}
