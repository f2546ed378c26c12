package de.participation.query.projection;

import de.participation.events.RegistrationStatus;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How many registrations of each status every {@link ArrivalChunk} of a meeting holds, in
 * {@code <meetingId>:index}: enough to tell a list's total and which chunks hold the page asked for,
 * so that a page reads only those chunks.
 */
final class ArrivalIndex extends ArrivalDocument {

    private static final RegistrationStatus[] STATUSES = RegistrationStatus.values();

    /** Which chunks hold a page, and how many of their matching registrations come before it. */
    public record Slice(List<Integer> chunks, int skip) {
    }

    private final UUID meetingId;
    /** Per chunk, the count of each status by its ordinal. */
    private final List<int[]> counts = new ArrayList<>();

    ArrivalIndex(UUID meetingId) {
        this.meetingId = meetingId;
    }

    public static String idOf(UUID meetingId) {
        return meetingId + ":index";
    }

    @Override
    String id() {
        return idOf(meetingId);
    }

    /** How many registrations ever arrived: the place of the next one. */
    int arrivals() {
        int arrivals = 0;
        for (int[] chunk : counts) {
            arrivals += sum(chunk);
        }
        return arrivals;
    }

    void arrived(int arrival, RegistrationStatus status) {
        while (counts.size() <= ArrivalChunk.numberOf(arrival)) {
            counts.add(new int[STATUSES.length]);
        }
        counts.get(ArrivalChunk.numberOf(arrival))[status.ordinal()]++;
    }

    void changed(int arrival, RegistrationStatus from, RegistrationStatus to) {
        int[] chunk = counts.get(ArrivalChunk.numberOf(arrival));
        chunk[from.ordinal()]--;
        chunk[to.ordinal()]++;
    }

    /** The registrations with {@code status}, or all when null. */
    public long total(RegistrationStatus status) {
        long total = 0;
        for (int[] chunk : counts) {
            total += matching(chunk, status);
        }
        return total;
    }

    /** How many wait in the chunks before chunk {@code number}: the positions taken before it. */
    int waitingBefore(int number) {
        int waiting = 0;
        for (int chunk = 0; chunk < number && chunk < counts.size(); chunk++) {
            waiting += counts.get(chunk)[RegistrationStatus.WAITLISTED.ordinal()];
        }
        return waiting;
    }

    /** The chunks that hold the matching registrations {@code offset} to {@code offset + limit - 1}. */
    public Slice slice(RegistrationStatus status, long offset, int limit) {
        List<Integer> chunks = new ArrayList<>();
        long before = 0;
        int skip = 0;
        for (int number = 0; number < counts.size() && before < offset + limit; number++) {
            int here = matching(counts.get(number), status);
            if (here > 0 && before + here > offset) {
                if (chunks.isEmpty()) {
                    skip = (int) (offset - before);
                }
                chunks.add(number);
            }
            before += here;
        }
        return new Slice(chunks, skip);
    }

    private static int matching(int[] chunk, RegistrationStatus status) {
        return status == null ? sum(chunk) : chunk[status.ordinal()];
    }

    private static int sum(int[] chunk) {
        int sum = 0;
        for (int count : chunk) {
            sum += count;
        }
        return sum;
    }

    @Override
    Document toDocument() {
        return new Document("_id", id())
                .append("meetingId", meetingId.toString())
                .append("chunkSize", ArrivalChunk.SIZE)
                .append("chunks", counts.stream().map(ArrivalIndex::countsDocument).toList())
                .append("sequence", sequence())
                .append("store", store());
    }

    private static Document countsDocument(int[] chunk) {
        Document document = new Document();
        for (RegistrationStatus status : STATUSES) {
            document.append(status.name(), chunk[status.ordinal()]);
        }
        return document;
    }

    static ArrivalIndex from(Document document) {
        ArrivalIndex index = new ArrivalIndex(UUID.fromString(document.getString("meetingId")));
        document.getList("chunks", Document.class).forEach(chunk -> {
            int[] counts = new int[STATUSES.length];
            for (RegistrationStatus status : STATUSES) {
                counts[status.ordinal()] = chunk.getInteger(status.name(), 0);
            }
            index.counts.add(counts);
        });
        index.applied(document.getLong("sequence"));
        index.writtenFor(document.getString("store"));
        return index;
    }
}
