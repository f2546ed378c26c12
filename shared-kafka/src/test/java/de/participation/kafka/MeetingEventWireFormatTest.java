package de.participation.kafka;

import de.participation.events.MeetingCapacityChanged;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingEventTypes;
import de.participation.events.MeetingScheduled;
import de.participation.events.ParticipantRegistered;
import de.participation.events.RegistrationClosed;
import de.participation.events.UnreadableEventException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeetingEventWireFormatTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void everyEventOfTheFamilyHasASample() {
        assertThat(SampleEvents.all()).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(MeetingEventTypes.all());
    }

    @TestFactory
    Stream<DynamicTest> everyEventKeepsItsApprovedWireFormat() {
        return SampleEvents.all().stream().map(event -> DynamicTest.dynamicTest(
                event.getClass().getSimpleName(),
                () -> ApprovedJson.verify(ApprovedJson.nameOf(event.getClass().getSimpleName(),
                                MeetingEventTypes.schemaVersionOf(event.getClass())),
                        MeetingEventJson.write(SampleEvents.envelope(event)))));
    }

    /** Events stored and published at an earlier version are read with the meaning they had then. */
    @TestFactory
    Stream<DynamicTest> everyEventAsFirstApprovedIsStillReadAsItWasMeant() {
        return SampleEvents.asFirstApproved().stream().map(event -> DynamicTest.dynamicTest(
                event.getClass().getSimpleName(), () -> {
                    MeetingEventEnvelope read = MeetingEventJson.read(ApprovedJson.read(event.getClass().getSimpleName()));

                    assertThat(read.data()).isEqualTo(event);
                    assertThat(read.schemaversion()).isEqualTo(MeetingEventTypes.schemaVersionOf(event.getClass()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyEventReadsBackAsItWasWritten() {
        return SampleEvents.all().stream().map(event -> DynamicTest.dynamicTest(
                event.getClass().getSimpleName(), () -> {
                    MeetingEventEnvelope envelope = SampleEvents.envelope(event);
                    assertThat(MeetingEventJson.read(MeetingEventJson.write(envelope))).isEqualTo(envelope);
                }));
    }

    @TestFactory
    Stream<DynamicTest> theClassOfEveryEventIsKnownWithoutReadingIt() {
        return SampleEvents.all().stream().map(event -> DynamicTest.dynamicTest(
                event.getClass().getSimpleName(), () -> assertThat(MeetingEventJson.classOf(
                        MeetingEventJson.write(SampleEvents.envelope(event)))).contains(event.getClass())));
    }

    @Test
    void theClassIsFoundWhereverTheTypeStandsAndNotInsideTheData() {
        assertThat(MeetingEventJson.classOf("{\"data\":{\"type\":\"de.participation.meeting.MeetingCancelled\"},"
                + "\"id\":[1,{\"type\":2}],\"type\":\"de.participation.meeting.RegistrationClosed\"}"))
                .contains(RegistrationClosed.class);
        assertThat(MeetingEventJson.classOf("{\"data\":{\"type\":\"de.participation.meeting.MeetingCancelled\"}}")).isEmpty();
        assertThat(MeetingEventJson.classOf("{\"type\":\"de.participation.meeting.Unknown\"}")).isEmpty();
        assertThat(MeetingEventJson.classOf("{\"type\": ")).isEmpty();
        assertThat(MeetingEventJson.classOf("[\"type\"]")).isEmpty();
        assertThat(MeetingEventJson.classOf("")).isEmpty();
    }

    @Test
    void aTracedEventKeepsItsApprovedWireFormatWithTheTraceparentAttribute() throws Exception {
        ApprovedJson.verify("ParticipantRegistered.traced", MeetingEventJson.write(tracedRegistration()));
    }

    @Test
    void aTracedEventReadsBackWithItsTraceparent() {
        MeetingEventEnvelope traced = tracedRegistration();

        assertThat(MeetingEventJson.read(MeetingEventJson.write(traced)).traceparent()).isEqualTo(TRACEPARENT);
    }

    @Test
    void anUntracedEventHasNoTraceparentAttributeAndReadsWithNone() {
        String json = MeetingEventJson.write(SampleEvents.envelope(sample(ParticipantRegistered.class)));

        assertThat(json).doesNotContain("traceparent");
        assertThat(MeetingEventJson.read(json).traceparent()).isNull();
    }

    /** A consumer that does not trace reads the traced event as the same event, attribute by attribute. */
    @Test
    void aConsumerIgnoringTheTraceparentReadsATracedEventAsTheUntracedOne() throws Exception {
        MeetingEventEnvelope untraced = SampleEvents.envelope(sample(ParticipantRegistered.class));
        MeetingEventEnvelope read = MeetingEventJson.read(ApprovedJson.read("ParticipantRegistered.traced"));

        assertThat(read).usingRecursiveComparison().ignoringFields("traceparent").isEqualTo(untraced);
        assertThat(MeetingEventJson.classOf(ApprovedJson.read("ParticipantRegistered.traced")))
                .contains(ParticipantRegistered.class);
    }

    @Test
    void aNewerEventWithAnExtraFieldIsStillRead() {
        String json = MeetingEventJson.write(SampleEvents.envelope(sample(MeetingCapacityChanged.class)))
                .replace("\"capacity\":60", "\"capacity\":60,\"addedLater\":\"x\"");

        assertThat(MeetingEventJson.read(json).data()).isEqualTo(sample(MeetingCapacityChanged.class));
    }

    @Test
    void aMeetingScheduledWrittenBeforeOrganisationsWereRecordedIsStillRead() {
        String json = MeetingEventJson.write(SampleEvents.envelope(sample(MeetingScheduled.class)))
                .replace(",\"organisation\":\"SMWA\"", "");

        assertThat(((MeetingScheduled) MeetingEventJson.read(json).data()).organisation()).isNull();
    }

    @Test
    void anUnknownTypeIsRefusedWithItsName() {
        String json = MeetingEventJson.write(SampleEvents.envelope(sample(RegistrationClosed.class)))
                .replace("RegistrationClosed", "SomethingNew");

        assertThatThrownBy(() -> MeetingEventJson.read(json))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("unknown event type de.participation.meeting.SomethingNew");
    }

    @Test
    void aParticipantEventOfTheVersionThatCarriedPersonalDataInClearIsRefused() {
        String json = MeetingEventJson.write(SampleEvents.envelope(sample(ParticipantRegistered.class)))
                .replace("\"schemaversion\":4", "\"schemaversion\":1");

        assertThatThrownBy(() -> MeetingEventJson.read(json))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("unsupported schema version 1 of de.participation.meeting.ParticipantRegistered");
    }

    @Test
    void brokenJsonIsRefused() {
        assertThatThrownBy(() -> MeetingEventJson.read("{\"type\": "))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void anEnvelopeWithoutDataIsRefused() {
        assertThatThrownBy(() -> MeetingEventJson.read(
                "{\"type\":\"de.participation.meeting.RegistrationClosed\",\"specversion\":\"1.0\"}"))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("missing attribute data");
    }

    private static MeetingEventEnvelope tracedRegistration() {
        MeetingEventEnvelope untraced = SampleEvents.envelope(sample(ParticipantRegistered.class));
        return MeetingEventEnvelope.of(untraced.id(), untraced.time(), untraced.sequence(), untraced.correlationid(),
                untraced.issuedby(), TRACEPARENT, untraced.data());
    }

    private static MeetingEvent sample(Class<? extends MeetingEvent> type) {
        return SampleEvents.all().stream().filter(type::isInstance).findFirst().orElseThrow();
    }
}
