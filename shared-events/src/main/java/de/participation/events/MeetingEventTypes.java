package de.participation.events;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CloudEvents {@code type} of each member of the sealed {@link MeetingEvent} family, derived
 * from the family itself so that a new event cannot be forgotten here.
 */
public final class MeetingEventTypes {

    private static final String PREFIX = "de.participation.meeting.";

    private static final Map<String, Class<? extends MeetingEvent>> BY_TYPE =
            Arrays.stream(MeetingEvent.class.getPermittedSubclasses())
                    .map(MeetingEventTypes::asEventClass)
                    .collect(Collectors.toUnmodifiableMap(MeetingEventTypes::typeOf, Function.identity()));

    private MeetingEventTypes() {
    }

    public static String typeOf(MeetingEvent event) {
        return typeOf(event.getClass());
    }

    public static String typeOf(Class<? extends MeetingEvent> eventClass) {
        return PREFIX + eventClass.getSimpleName();
    }

    /** The event class for a CloudEvents type, empty for a type this version does not know. */
    public static Optional<Class<? extends MeetingEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Collection<Class<? extends MeetingEvent>> all() {
        return BY_TYPE.values();
    }

    private static Class<? extends MeetingEvent> asEventClass(Class<?> permitted) {
        return permitted.asSubclass(MeetingEvent.class);
    }
}
