package de.participation.command.privacy;

import de.participation.web.privacy.ScanReport.Finding;
import de.participation.web.privacy.ScanReport.Scanned;
import de.participation.web.privacy.ScanReport.Trace;
import de.participation.web.privacy.ScanTarget;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads every row of every table of the service's schema as text (binary columns, such as the
 * stored events, with their bytes as text): the event store, its snapshots, the key table and
 * whatever a later migration adds. Rows are streamed in one read-only transaction.
 */
final class DatabaseScan {

    private static final String STORE = "postgresql";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    DatabaseScan(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    Scanned scan(ScanTarget target, List<Finding> findings) {
        long[] rows = {0};
        readOnly.executeWithoutResult(transaction -> rowTextByTable().forEach((table, rowText) -> {
            Set<Trace> traces = EnumSet.noneOf(Trace.class);
            jdbc.query("select " + rowText + " from " + quoted(table), row -> {
                rows[0]++;
                traces.addAll(target.tracesIn(row.getString(1)));
            });
            traces.forEach(trace -> findings.add(new Finding(STORE, "table " + table, trace)));
        }));
        return new Scanned(STORE, rows[0], true);
    }

    /** For each table of the schema, the expression of one row as text. */
    private Map<String, String> rowTextByTable() {
        return jdbc.queryForList("""
                        select table_name, column_name, data_type from information_schema.columns
                        where table_schema = current_schema() order by table_name, ordinal_position""").stream()
                .collect(Collectors.groupingBy(column -> (String) column.get("table_name"), TreeMap::new,
                        Collectors.mapping(DatabaseScan::asText, Collectors.joining(" || '|' || "))));
    }

    private static String asText(Map<String, Object> column) {
        String name = quoted((String) column.get("column_name"));
        return "bytea".equals(column.get("data_type"))
                ? "coalesce(encode(" + name + ", 'escape'), '')"
                : "coalesce(" + name + "::text, '')";
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
