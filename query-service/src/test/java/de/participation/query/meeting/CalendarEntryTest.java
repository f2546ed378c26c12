package de.participation.query.meeting;

import de.participation.events.MeetingDetailsChanged;
import de.participation.query.projection.MeetingProjector;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.support.Histories;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarEntryTest {

    private static MeetingReadModel meeting(Histories history) {
        Map<UUID, MeetingReadModel> meetings = new HashMap<>();
        new MeetingProjector(meetings, new HashMap<>(), new HashMap<>()).project(history.events());
        return meetings.get(history.meetingId());
    }

    @Test
    void textIsEscapedAndLongLinesAreFoldedWithinSeventyFiveOctetsNeverInsideACharacter() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(5);
        MeetingReadModel meeting = meeting(history);

        String entry = CalendarEntry.of(meeting, "example.org");

        assertThat(entry).endsWith("END:VCALENDAR\r\n");
        assertThat(entry.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75));
        String unfolded = entry.replace("\r\n ", "");
        assertThat(unfolded).contains("LOCATION:Meißen\r\n");
        assertThat(CalendarEntry.escaped("Raum 1, Haus B; Eingang\\Hof\nbitte klingeln"))
                .isEqualTo("Raum 1\\, Haus B\\; Eingang\\\\Hof\\nbitte klingeln");
    }

    @Test
    void aLineOfMultiOctetCharactersIsFoldedBetweenThem() {
        String umlauts = "Ä".repeat(100);
        Histories history = new Histories(UUID.randomUUID()).scheduled(5);
        history.add(new MeetingDetailsChanged(history.meetingId(), umlauts, null, "Meißen",
                Instant.parse("2099-06-03T08:00:00Z"), null, null, null, List.of("title")));
        String entry = CalendarEntry.of(meeting(history), "example.org");

        assertThat(Arrays.stream(entry.split("\r\n")).filter(line -> line.contains("Ä")))
                .allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(entry.replace("\r\n ", "")).contains("SUMMARY:" + umlauts + "\r\n");
    }
}
