package de.participation.query.support;

import de.participation.events.CancellationCause;
import de.participation.events.ErasureCause;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingScheduled;
import de.participation.events.Participant;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitlistedParticipantPromoted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds a meeting's history as the command service would publish it, sequence by sequence. */
public final class Histories {

    /** The organisation that schedules the meetings of these histories. */
    public static final String ORGANISATION = "SMWA";

    private final UUID meetingId;
    private final List<MeetingEventEnvelope> events = new ArrayList<>();
    private Instant time = Instant.parse("2030-05-20T08:00:00Z");
    private String traceparent;

    public Histories(UUID meetingId) {
        this.meetingId = meetingId;
    }

    public UUID meetingId() {
        return meetingId;
    }

    public List<MeetingEventEnvelope> events() {
        return List.copyOf(events);
    }

    /** The events added from now on were caused by a request traced as {@code traceparent} (W3C). */
    public Histories traced(String traceparent) {
        this.traceparent = traceparent;
        return this;
    }

    public Histories add(MeetingEvent event) {
        return add(event, "corr-" + events.size(), "portal");
    }

    /** The event as caused by the request {@code correlationId} of {@code issuedBy}. */
    public Histories add(MeetingEvent event, String correlationId, String issuedBy) {
        time = time.plusSeconds(1);
        events.add(MeetingEventEnvelope.of(UUID.randomUUID().toString(), time, events.size(), correlationId,
                issuedBy, traceparent, event));
        return this;
    }

    public Histories scheduled(int capacity) {
        return scheduledBy(ORGANISATION, capacity);
    }

    public Histories scheduledBy(String organisation, int capacity) {
        return add(new MeetingScheduled(meetingId, "Regionen-Workshop", "Coworking im ländlichen Raum", "Meißen",
                Instant.parse("2099-06-03T08:00:00Z"), null, capacity, null, null, WaitingListPolicy.UNLIMITED,
                organisation));
    }

    public Histories registered(UUID registrationId) {
        return add(new ParticipantRegistered(meetingId, registrationId, sealed(registrationId)));
    }

    public Histories waitlisted(UUID registrationId, int position) {
        return add(new ParticipantWaitlisted(meetingId, registrationId, sealed(registrationId), position));
    }

    public Histories cancelled(UUID registrationId, RegistrationStatus previous) {
        return add(new RegistrationCancelled(meetingId, registrationId, previous, CancellationCause.REQUESTED, null));
    }

    public Histories promoted(UUID registrationId, UUID vacatedBy) {
        return add(new WaitlistedParticipantPromoted(meetingId, registrationId, PromotionCause.CANCELLATION, vacatedBy));
    }

    /** The retention period's end erases these registrations, in one run of the scheduler. */
    public Histories erasedByRetention(UUID... registrationIds) {
        String run = "retention-" + meetingId;
        for (UUID registrationId : registrationIds) {
            add(new ParticipantDataErased(meetingId, registrationId, ErasureCause.RETENTION), run, "retention");
        }
        return this;
    }

    public Histories erased(UUID registrationId) {
        return add(new ParticipantDataErased(meetingId, registrationId));
    }

    /** The participant of a registration as these histories seal it ({@link TestPersonalDataService} opens it). */
    public static SealedParticipant sealed(UUID registrationId) {
        return new SealedParticipant(TestPersonalDataService.SEALED + registrationId);
    }

    public static Participant participant(UUID registrationId) {
        String suffix = registrationId.toString().substring(0, 8);
        return new Participant("Teilnehmer " + suffix, suffix + "@example.org", "Gemeinde Musterdorf");
    }
}
