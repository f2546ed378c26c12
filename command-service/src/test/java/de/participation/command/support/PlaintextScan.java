package de.participation.command.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads every row of every table of the service's database as text (binary columns with their
 * printable bytes as they are), for asserting what the store does or does not contain anywhere.
 */
public final class PlaintextScan {

    private final JdbcTemplate jdbc;

    public PlaintextScan(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of every table in the public schema that contain {@code text}, ignoring case. */
    public List<String> rowsContaining(String text) {
        List<String> found = new ArrayList<>();
        Map<String, List<Map<String, Object>>> columnsByTable = jdbc.queryForList("""
                        select table_name, column_name, data_type from information_schema.columns
                        where table_schema = 'public' order by table_name, ordinal_position""").stream()
                .collect(Collectors.groupingBy(column -> (String) column.get("table_name")));
        columnsByTable.forEach((table, columns) -> {
            String row = columns.stream()
                    .map(column -> "bytea".equals(column.get("data_type"))
                            ? "coalesce(encode(" + column.get("column_name") + ", 'escape'), '')"
                            : "coalesce(" + column.get("column_name") + "::text, '')")
                    .collect(Collectors.joining(" || '|' || "));
            jdbc.queryForList("select " + row + " from " + table, String.class).stream()
                    .filter(value -> value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)))
                    .forEach(value -> found.add(table + ": " + value));
        });
        return found;
    }
}
