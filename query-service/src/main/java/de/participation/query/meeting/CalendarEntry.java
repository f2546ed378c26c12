package de.participation.query.meeting;

import de.participation.query.projection.MeetingReadModel;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A meeting as an iCalendar object (RFC 5545) with one event: its {@code UID} is the meeting's id and
 * never changes, its {@code SEQUENCE} grows with every details change, so that a calendar that
 * imported it before takes the new version for the same entry; a cancelled meeting says
 * {@code STATUS:CANCELLED}. Lines end in CRLF and are folded at 75 octets, text is escaped.
 */
final class CalendarEntry {

    static final String MEDIA_TYPE = "text/calendar;charset=UTF-8";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private final StringBuilder text = new StringBuilder();

    private CalendarEntry() {
    }

    static String of(MeetingReadModel meeting, String uidDomain) {
        CalendarEntry entry = new CalendarEntry();
        entry.line("BEGIN:VCALENDAR");
        entry.line("VERSION:2.0");
        entry.line("PRODID:-//Beteiligungsportal//Anmeldung//DE");
        entry.line("CALSCALE:GREGORIAN");
        entry.line("METHOD:PUBLISH");
        entry.line("BEGIN:VEVENT");
        entry.line("UID:" + meeting.meetingId() + "@" + uidDomain);
        entry.line("SEQUENCE:" + meeting.detailsChanges());
        entry.line("DTSTAMP:" + UTC.format(meeting.updatedAt() != null ? meeting.updatedAt() : meeting.startsAt()));
        entry.line("DTSTART:" + UTC.format(meeting.startsAt()));
        if (meeting.endsAt() != null) {
            entry.line("DTEND:" + UTC.format(meeting.endsAt()));
        }
        entry.line("SUMMARY:" + escaped(meeting.title()));
        if (meeting.description() != null && !meeting.description().isBlank()) {
            entry.line("DESCRIPTION:" + escaped(meeting.description()));
        }
        entry.line("LOCATION:" + escaped(meeting.location()));
        entry.line("STATUS:" + (MeetingReadModel.CANCELLED.equals(meeting.status()) ? "CANCELLED" : "CONFIRMED"));
        entry.line("END:VEVENT");
        entry.line("END:VCALENDAR");
        return entry.text.toString();
    }

    /** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11). */
    static String escaped(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Adds a content line, folded so that no line exceeds 75 octets, never inside a UTF-8 character. */
    private void line(String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int offset = 0; offset < content.length(); ) {
            int codePoint = content.codePointAt(offset);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                text.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
            }
            text.appendCodePoint(codePoint);
            octets += size;
            offset += Character.charCount(codePoint);
        }
        text.append("\r\n");
    }
}
