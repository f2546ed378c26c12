package de.participation.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.Participant;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationEvent;
import de.participation.events.SealedParticipant;
import de.participation.kafka.MeetingEventJson;
import de.participation.query.personaldata.OpenedParticipants;
import de.participation.query.personaldata.ParticipantOpener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Shows meetings' histories to auditors, with the participants opened. */
@Component
class AuditHistory {

    private static final ObjectMapper JSON = MeetingEventJson.mapper();

    private final ParticipantOpener participants;

    AuditHistory(ParticipantOpener participants) {
        this.participants = participants;
    }

    /** The events as auditors see them, with participants opened in one request. */
    List<AuditEvent> show(List<MeetingEventEnvelope> events) {
        Map<UUID, String> sealed = new HashMap<>();
        events.forEach(event -> sealedParticipant(event).ifPresent(participant ->
                sealed.put(registrationOf(event),
                        participant.ciphertext())));
        OpenedParticipants opened = participants.openCiphertexts(sealed);
        return events.stream().map(event -> show(event, opened)).toList();
    }

    private static AuditEvent show(MeetingEventEnvelope event, OpenedParticipants opened) {
        ObjectNode payload = JSON.valueToTree(event.data());
        if (sealedParticipant(event).isPresent()) {
            Participant participant = opened.of(registrationOf(event));
            boolean unavailable = opened.isUnavailable(registrationOf(event));
            payload.set("participant", JSON.valueToTree(participant));
            payload.put("personalDataErased", participant == null && !unavailable);
            payload.put("participantUnavailable", unavailable);
        }
        return new AuditEvent(event.id(), event.sequence(), event.type(), event.time(), event.issuedby(),
                event.correlationid(), event.schemaversion(), payload);
    }

    private static UUID registrationOf(MeetingEventEnvelope event) {
        return ((RegistrationEvent) event.data()).registrationId();
    }

    private static Optional<SealedParticipant> sealedParticipant(MeetingEventEnvelope event) {
        return switch (event.data()) {
            case ParticipantRegistered registered -> Optional.of(registered.participant());
            case ParticipantWaitlisted waitlisted -> Optional.of(waitlisted.participant());
            default -> Optional.empty();
        };
    }
}
