package de.participation.query.meeting;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import de.participation.events.Participant;
import de.participation.query.registration.RegistrationView;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A meeting's registrations as CSV (RFC 4180), for a spreadsheet: UTF-8 with a byte order mark so
 * that spreadsheet programs read the umlauts, a header row, one row per registration in the order
 * they arrived. An erased participant is shown as erased, in the reader's language. A cell that a
 * spreadsheet would take for a formula (starting with =, +, - or @) is prefixed with an apostrophe.
 */
final class RegistrationsCsv implements AutoCloseable {

    static final String MEDIA_TYPE = "text/csv;charset=UTF-8";
    private static final CsvMapper CSV = new CsvMapper();
    private static final List<String> COLUMNS = List.of("registrationId", "status", "seats", "waitingListPosition",
            "name", "email", "organisation", "registeredAt", "offerExpiresAt", "checkedInAt");

    private final Writer text;
    private final SequenceWriter rows;
    private final String erased;

    /** @param erased how an erased participant's name is shown ({@code gelöscht}, {@code erased}) */
    RegistrationsCsv(OutputStream out, String erased) throws IOException {
        this.text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.erased = erased;
        text.write('\uFEFF');
        rows = CSV.writerFor(String[].class).with(CsvSchema.emptySchema())
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quoted only where RFC 4180 needs it
                .writeValues(text);
        rows.write(COLUMNS.toArray(String[]::new));
    }

    void write(RegistrationView registration) throws IOException {
        Participant participant = registration.participant();
        rows.write(new String[]{
                registration.registrationId().toString(),
                registration.status(),
                String.valueOf(registration.seats()),
                text(registration.waitingListPosition()),
                participant == null ? erased : cell(participant.name()),
                participant == null ? "" : cell(participant.email()),
                participant == null ? "" : cell(participant.organisation()),
                text(registration.registeredAt()),
                text(registration.offerExpiresAt()),
                text(registration.checkedInAt())});
    }

    void flush() throws IOException {
        rows.flush();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** What people typed: never run as a formula by the spreadsheet that opens the file. */
    static String cell(String value) {
        String text = Objects.requireNonNullElse(value, "");
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
