package de.participation.command.meeting;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot is the Meeting's fields as JSON. Read back by a Meeting whose fields changed, it would
 * be misread silently (a missing field stays empty), so each layout has its own revision: this
 * test fails when the fields (of the Meeting and of everything they hold) differ from the layout
 * approved for the current {@code @Revision}. Then raise the revision and approve the new layout
 * (rename the {@code .received.txt} file the test leaves).
 */
class MeetingSnapshotLayoutTest {

    private static final Path APPROVED = Path.of("src/test/resources/snapshots");

    @Test
    void theSnapshotLayoutChangesOnlyWithTheRevision() throws IOException {
        String revision = Meeting.class.getAnnotation(Revision.class).value();
        String layout = layoutOf(Meeting.class);
        Path approved = APPROVED.resolve("meeting-revision-" + revision + ".txt");
        String expected = Files.exists(approved) ? Files.readString(approved) : "";
        if (!layout.equals(expected)) {
            Files.writeString(APPROVED.resolve("meeting-revision-" + revision + ".received.txt"), layout);
        }
        assertThat(layout).as("Meeting's snapshot layout differs from revision %s: raise @Revision on Meeting "
                + "and approve the new layout", revision).isEqualTo(expected);
    }

    /** One line per field of {@code root} and of the project's types it holds, in a stable order. */
    static String layoutOf(Class<?> root) {
        Set<String> lines = new TreeSet<>();
        Set<Class<?>> pending = new LinkedHashSet<>(List.of(root));
        Set<Class<?>> described = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.iterator().next();
            pending.remove(type);
            if (!described.add(type)) {
                continue;
            }
            if (type.isEnum()) {
                lines.add(type.getSimpleName() + " = " + Arrays.stream(type.getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", ")));
                continue;
            }
            for (Field field : fields(type)) {
                lines.add(type.getSimpleName() + "." + field.getName() + ": " + field.getGenericType().getTypeName());
                ownTypesIn(field.getGenericType(), pending);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** What Jackson writes: a record's components, otherwise the instance fields. */
    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    fields.add(type.getDeclaredField(component.getName()));
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            return fields;
        }
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static void ownTypesIn(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType parameterized) {
            ownTypesIn(parameterized.getRawType(), found);
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> ownTypesIn(argument, found));
        } else if (type instanceof Class<?> plain && plain.getName().startsWith("de.participation.")) {
            found.add(plain);
        }
    }
}
