package de.participation.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventTypes;
import de.participation.events.ErasureCause;
import de.participation.events.MeetingScheduled;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationCancelled;
import de.participation.events.UnreadableEventException;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitlistedParticipantPromoted;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Brings the data of an event written at an earlier schema version to the current one, one version
 * at a time, so that every event ever published or stored keeps being read with its meaning: the
 * topic's consumers read through {@link MeetingEventJson}, the command service's event store
 * through the same steps. A version without a step (the participant events of version 1, which
 * carried personal data in clear and were re-sealed) cannot be read.
 */
public final class MeetingEventUpcasts {

    private record Step(Class<? extends MeetingEvent> type, int from) {
    }

    /** What each step adds: the defaults that reproduce the older meaning. */
    private static final Map<Step, Consumer<ObjectNode>> STEPS = Map.of(
            new Step(MeetingScheduled.class, 1), data -> {
                if (data.get("waitingList") instanceof ObjectNode waitingList) {
                    waitingList.put("promotion", WaitingListPolicy.Promotion.AUTOMATIC.name());
                    waitingList.put("offerHours", WaitingListPolicy.DEFAULT_OFFER_HOURS);
                    waitingList.put("groupPolicy", WaitingListPolicy.GroupPolicy.STRICT_ORDER.name());
                }
            },
            new Step(ParticipantRegistered.class, 2), data -> {
                data.put("seats", 1);
                data.putArray("passed");
            },
            new Step(ParticipantWaitlisted.class, 2), data -> data.put("seats", 1),
            new Step(WaitlistedParticipantPromoted.class, 1), data -> {
                data.put("seats", 1);
                data.putArray("passed");
            },
            new Step(RegistrationCancelled.class, 1), data -> data.put("seats", 1),
            new Step(MeetingScheduled.class, 2), data -> data.put("retentionDays", MeetingScheduled.DEFAULT_RETENTION_DAYS),
            new Step(ParticipantDataErased.class, 1), data -> data.put("cause", ErasureCause.REQUEST.name()),
            new Step(ParticipantRegistered.class, 3), MeetingEventUpcasts::dropEmailHash,
            new Step(ParticipantWaitlisted.class, 3), MeetingEventUpcasts::dropEmailHash);

    private MeetingEventUpcasts() {
    }

    /** The key of the hash is destroyed: the value means nothing any more and is not passed on. */
    private static void dropEmailHash(ObjectNode data) {
        if (data.get("participant") instanceof ObjectNode participant) {
            participant.remove("emailHash");
        }
    }

    /**
     * The data of {@code type} at {@code version}, changed in place to the current version.
     *
     * @throws UnreadableEventException if no steps lead from {@code version} to the current one
     */
    public static ObjectNode toCurrent(Class<? extends MeetingEvent> type, int version, ObjectNode data) {
        int current = MeetingEventTypes.schemaVersionOf(type);
        for (int at = version; at < current; at++) {
            Consumer<ObjectNode> step = STEPS.get(new Step(type, at));
            if (step == null) {
                throw new UnreadableEventException("unsupported schema version " + version + " of "
                        + MeetingEventTypes.typeOf(type));
            }
            step.accept(data);
        }
        if (version > current) {
            throw new UnreadableEventException("unsupported schema version " + version + " of "
                    + MeetingEventTypes.typeOf(type));
        }
        return data;
    }
}
