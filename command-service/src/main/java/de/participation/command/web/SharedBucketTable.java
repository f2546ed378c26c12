package de.participation.command.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate limits' token buckets in PostgreSQL, shared by every instance: what each instance took
 * is subtracted after the refill since the bucket's last change, by the database's clock, in one
 * statement for any number of buckets.
 */
@Component
class SharedBucketTable {

    // Rows in the order of their buckets, so that two instances reporting the same buckets at once
    // lock them in the same order and cannot deadlock. A new bucket starts full, less what was taken.
    private static final String TAKE = """
            insert into registration_limit_bucket as b (bucket, capacity, refill_per_second, tokens, updated_at)
            select t.bucket, ?, ?, ? - t.taken, clock_timestamp()
              from unnest(?::text[], ?::int[]) as t(bucket, taken)
             order by t.bucket
            on conflict (bucket) do update set
                tokens = least(excluded.capacity, b.tokens + extract(epoch from excluded.updated_at - b.updated_at)
                               * excluded.refill_per_second) - (excluded.capacity - excluded.tokens),
                capacity = excluded.capacity,
                refill_per_second = excluded.refill_per_second,
                updated_at = excluded.updated_at
            returning bucket, tokens""";

    // A bucket that has filled up again is the same as none.
    private static final String FORGET_FULL = """
            delete from registration_limit_bucket
             where tokens + extract(epoch from clock_timestamp() - updated_at) * refill_per_second >= capacity""";

    private final JdbcTemplate jdbc;

    SharedBucketTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes {@code taken} tokens from each bucket; the tokens left in each, below zero if overdrawn. */
    Map<String, Double> take(Map<String, Integer> taken, int capacity, double refillPerSecond) {
        List<Map.Entry<String, Integer>> entries = List.copyOf(taken.entrySet());
        Map<String, Double> left = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(TAKE);
            Array buckets = connection.createArrayOf("text", entries.stream().map(Map.Entry::getKey).toArray());
            Array counts = connection.createArrayOf("int4", entries.stream().map(Map.Entry::getValue).toArray());
            statement.setDouble(1, capacity);
            statement.setDouble(2, refillPerSecond);
            statement.setDouble(3, capacity);
            statement.setArray(4, buckets);
            statement.setArray(5, counts);
            return statement;
        }, (RowCallbackHandler) row -> left.put(row.getString("bucket"), row.getDouble("tokens")));
        return left;
    }

    /** Deletes the buckets that are full again; how many. */
    int forgetFull() {
        return jdbc.update(FORGET_FULL);
    }
}
