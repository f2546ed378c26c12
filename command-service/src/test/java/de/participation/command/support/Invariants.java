package de.participation.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.command.support.StoredEvents.StoredEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a meeting's stored history and checks the invariants of DOMAIN.md after every event:
 * never more confirmed than capacity, and never a free seat while someone waits.
 */
public final class Invariants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Invariants() {
    }

    /**
     * Counts seats through the history and checks, after every event, that confirmed and offered
     * seats fit into the capacity, and after every command that no free seat is left beside a
     * waiting entry that fits into it ({@code FILL_GAPS}) or beside a head that fits
     * ({@code STRICT_ORDER}). The meetings of these tests start far in the future, so offers are
     * always made.
     */
    public static void assertHeldThroughout(List<StoredEvent> history) {
        int capacity = 0;
        int confirmed = 0;
        int offered = 0;
        boolean fillGaps = false;
        Map<String, Integer> waiting = new LinkedHashMap<>();
        for (StoredEvent event : history) {
            JsonNode payload = read(event.payload());
            String registration = payload.path("registrationId").asText();
            int seats = payload.path("seats").asInt(1);
            switch (event.simpleType()) {
                case "MeetingScheduled" -> {
                    capacity = payload.path("capacity").asInt();
                    fillGaps = "FILL_GAPS".equals(payload.path("waitingList").path("groupPolicy").asText());
                }
                case "MeetingCapacityChanged" -> capacity = payload.path("capacity").asInt();
                case "ParticipantRegistered" -> confirmed += seats;
                case "ParticipantWaitlisted" -> waiting.put(registration, seats);
                case "WaitlistedParticipantPromoted" -> {
                    waiting.remove(registration);
                    confirmed += seats;
                }
                case "OfferMade" -> {
                    waiting.remove(registration);
                    offered += seats;
                }
                case "OfferAccepted" -> {
                    offered -= seats;
                    confirmed += seats;
                }
                case "OfferDeclined", "OfferExpired" -> offered -= seats;
                case "SeatsGivenBack" -> {
                    int returned = payload.path("seatsBefore").asInt() - seats;
                    switch (payload.path("status").asText()) {
                        case "CONFIRMED" -> confirmed -= returned;
                        case "OFFERED" -> offered -= returned;
                        default -> waiting.put(registration, seats);
                    }
                }
                case "RegistrationCancelled" -> {
                    switch (payload.path("previousStatus").asText()) {
                        case "CONFIRMED" -> confirmed -= seats;
                        case "OFFERED" -> offered -= seats;
                        default -> waiting.remove(registration);
                    }
                }
                default -> {
                }
            }
            int free = capacity - confirmed - offered;
            assertThat(confirmed + offered).as("confirmed and offered seats after event %d", event.sequence())
                    .isLessThanOrEqualTo(capacity);
            if (isLastOfItsCommand(history, event) && !"MeetingCancelled".equals(event.simpleType())) {
                List<Integer> fitting = (fillGaps ? waiting.values().stream() : waiting.values().stream().limit(1))
                        .filter(asked -> asked <= free).toList();
                assertThat(fitting).as("%d free seats while a waiting entry fits into them, after event %d", free,
                        event.sequence()).isEmpty();
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
