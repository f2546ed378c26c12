package de.participation.events;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CloudEvents {@code type} of each member of the sealed {@link MeetingEvent} family, derived
 * from the family itself so that a new event cannot be forgotten here.
 */
public final class MeetingEventTypes {

    private static final String PREFIX = "de.participation.meeting.";

    private static final Map<String, Class<? extends MeetingEvent>> BY_TYPE = concreteEvents(MeetingEvent.class)
            .collect(Collectors.toUnmodifiableMap(MeetingEventTypes::typeOf, Function.identity()));

    private MeetingEventTypes() {
    }

    public static String typeOf(MeetingEvent event) {
        return typeOf(event.getClass());
    }

    public static String typeOf(Class<? extends MeetingEvent> eventClass) {
        return PREFIX + eventClass.getSimpleName();
    }

    /** The version of the event's {@code data} shape ({@link SchemaVersion}, 1 if not annotated). */
    public static int schemaVersionOf(Class<? extends MeetingEvent> eventClass) {
        SchemaVersion version = eventClass.getAnnotation(SchemaVersion.class);
        return version == null ? 1 : version.value();
    }

    /** The event class for a CloudEvents type, empty for a type this version does not know. */
    public static Optional<Class<? extends MeetingEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Collection<Class<? extends MeetingEvent>> all() {
        return BY_TYPE.values();
    }

    /** The records at the leaves of the sealed family (sub-families such as RegistrationEvent are walked). */
    private static Stream<Class<? extends MeetingEvent>> concreteEvents(Class<?> family) {
        return Arrays.stream(family.getPermittedSubclasses())
                .flatMap(permitted -> permitted.isSealed() ? concreteEvents(permitted)
                        : Stream.of(permitted.asSubclass(MeetingEvent.class)));
    }
}
