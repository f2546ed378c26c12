package de.participation.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.command.support.StoredEvents.StoredEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a meeting's stored history and checks the invariants of DOMAIN.md after every event:
 * never more confirmed than capacity, and never a free seat while someone waits.
 */
public final class Invariants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Invariants() {
    }

    public static void assertHeldThroughout(List<StoredEvent> history) {
        int capacity = 0;
        int confirmed = 0;
        int waiting = 0;
        for (StoredEvent event : history) {
            JsonNode payload = read(event.payload());
            switch (event.simpleType()) {
                case "MeetingScheduled", "MeetingCapacityChanged" -> capacity = payload.path("capacity").asInt();
                case "ParticipantRegistered" -> confirmed++;
                case "ParticipantWaitlisted" -> waiting++;
                case "WaitlistedParticipantPromoted" -> {
                    waiting--;
                    confirmed++;
                }
                case "RegistrationCancelled" -> {
                    if ("CONFIRMED".equals(payload.path("previousStatus").asText())) {
                        confirmed--;
                    } else {
                        waiting--;
                    }
                }
                default -> {
                }
            }
            boolean settled = isLastOfItsCommand(history, event);
            assertThat(confirmed).as("confirmed after event %d", event.sequence()).isLessThanOrEqualTo(capacity);
            if (settled && !"MeetingCancelled".equals(event.simpleType())) {
                assertThat(confirmed < capacity && waiting > 0)
                        .as("free seat while someone waits after event %d", event.sequence()).isFalse();
            }
        }
    }

    /** A command's events share a correlation id; the invariant holds once all of them are applied. */
    private static boolean isLastOfItsCommand(List<StoredEvent> history, StoredEvent event) {
        int index = history.indexOf(event);
        return index == history.size() - 1
                || !history.get(index + 1).metadata().equals(event.metadata());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
