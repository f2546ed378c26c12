package de.participation.command.config;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Accepts the one applied migration that was edited afterwards, and nothing else. For a while
 * {@code V3__participant_keys.sql} was shipped with a {@code digest} column added to it; it is back
 * to what was first applied, and V5 adds the column. A database that ran the edited V3 already
 * has the column (V5 leaves it be), but Flyway's validation would refuse the recorded checksum. So,
 * before validation, exactly that recorded checksum of version 3 is replaced by the original's;
 * any other difference still fails validation, as it must.
 */
@Component
class EditedMigrationRepair implements Callback {

    private static final Logger log = LoggerFactory.getLogger(EditedMigrationRepair.class);
    private static final String VERSION = "3";
    /**
     * Flyway's checksum (CRC32 over the script's lines, as flyway_schema_history records it) of V3
     * as shipped from commit 5b84622 until 5e213c2 restored it; a copy of that script is the test
     * resource db/edited-v3/V3__participant_keys.sql.
     */
    static final int EDITED_CHECKSUM = -535555301;
    /** The same of V3 as first applied (commit 426c206), which it is again. */
    static final int ORIGINAL_CHECKSUM = -626013420;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String table = context.getConfiguration().getTable();
        try {
            if (!historyExists(context, table)) {
                return;
            }
            try (PreparedStatement repair = context.getConnection().prepareStatement(
                    "update " + table + " set checksum = ? where version = ? and checksum = ?")) {
                repair.setInt(1, ORIGINAL_CHECKSUM);
                repair.setString(2, VERSION);
                repair.setInt(3, EDITED_CHECKSUM);
                if (repair.executeUpdate() > 0) {
                    log.info("Schema history: V3 had been applied in its edited form; recorded its original "
                            + "checksum (V5 adds what the edit added)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the schema history for the edited V3", e);
        }
    }

    private static boolean historyExists(Context context, String table) throws SQLException {
        try (PreparedStatement query = context.getConnection().prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "edited-migration-repair";
    }
}
