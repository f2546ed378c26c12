package de.participation.command.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The meetings kept in memory between commands: strong references (a garbage collection does not
 * empty it, as it would Axon's WeakReferenceCache just when a rush makes garbage), and at most
 * {@code maximumSize} meetings, the least recently used leaving first (Caffeine). A meeting that
 * left is loaded again from its snapshot and the events after it.
 */
final class BoundedMeetingCache implements org.axonframework.common.caching.Cache {

    private final Cache<Object, Object> meetings;

    BoundedMeetingCache(long maximumSize) {
        this.meetings = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) meetings.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        meetings.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return meetings.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) meetings.get(key, absent -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return meetings.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        meetings.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return meetings.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        meetings.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    /** Nothing in this service listens to the meetings' cache; a listener would be a mistake. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("The meeting cache has no entry listeners");
    }
}
