package de.participation.query.webhooks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The deliveries being attempted: at most one of each queue, so that a queue goes out in order;
 * at most {@code perSubscription} of each subscription, so that a slow receiver holds only its own
 * deliveries and never the instance's; at most {@code total} in all.
 */
final class AttemptsUnderWay {

    private final int total;
    private final int perSubscription;
    private final Set<String> queues = new HashSet<>();
    private final Map<UUID, Integer> ofSubscription = new HashMap<>();

    AttemptsUnderWay(int total, int perSubscription) {
        this.total = total;
        this.perSubscription = perSubscription;
    }

    synchronized boolean full() {
        return queues.size() >= total;
    }

    /** Whether the delivery may be attempted now; if so, it counts as under way until {@link #finished}. */
    synchronized boolean start(Delivery head) {
        if (full() || ofSubscription.getOrDefault(head.webhookId(), 0) >= perSubscription || !queues.add(head.queue())) {
            return false;
        }
        ofSubscription.merge(head.webhookId(), 1, Integer::sum);
        return true;
    }

    synchronized void finished(Delivery head) {
        queues.remove(head.queue());
        ofSubscription.computeIfPresent(head.webhookId(), (webhookId, count) -> count == 1 ? null : count - 1);
    }
}
