package de.participation.command.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The buckets' decisions when many requests of one key arrive at once, on a table kept in memory. */
class SharedTokenBucketsTest {

    /** The shared table's arithmetic without PostgreSQL: what each bucket has left after a report. */
    private static final class TableInMemory extends SharedBucketTable {
        private final Map<String, Double> tokens = new HashMap<>();

        TableInMemory() {
            super(null);
        }

        @Override
        synchronized Map<String, Double> take(Map<String, Integer> taken, int capacity, double refillPerSecond) {
            Map<String, Double> left = new HashMap<>();
            taken.forEach((bucket, count) -> left.put(bucket, tokens.merge(bucket, capacity - (double) count,
                    (before, ignored) -> before - count)));
            return left;
        }
    }

    @Test
    void requestsOfOneKeyThatArriveAtOnceWithinItsLimitAreAllGranted() throws Exception {
        SharedTokenBuckets buckets = new SharedTokenBuckets("address", 1_000, Duration.ofHours(1),
                new TableInMemory(), Clock.systemUTC());
        int atOnce = 8;
        CyclicBarrier together = new CyclicBarrier(atOnce);
        ExecutorService threads = Executors.newFixedThreadPool(atOnce);
        try {
            List<Future<List<Optional<Duration>>>> decisions = new ArrayList<>();
            for (int thread = 0; thread < atOnce; thread++) {
                decisions.add(threads.submit((Callable<List<Optional<Duration>>>) () -> {
                    List<Optional<Duration>> mine = new ArrayList<>();
                    for (int round = 0; round < 300; round++) {
                        together.await();
                        mine.add(buckets.take("key-" + round));
                    }
                    return mine;
                }));
            }
            for (Future<List<Optional<Duration>>> decided : decisions) {
                assertThat(decided.get()).as("refusals of a key asked for 8 times at once, limit 1 000")
                        .allMatch(Optional::isEmpty);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
