package de.participation.localstack;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The key type of the stand-in's unique indexes (the {@code _id} index among them). H2's default
 * type compares two keys that are not {@link Comparable}, as the stand-in's {@link KeyValue} is
 * not, by serialising both with Java serialisation, at every step of every B-tree search: 40 % of
 * the stand-in's CPU in a rebuild. This type compares the values inside the keys directly when they
 * are of one comparable class (strings, numbers: every {@code _id} of the read models) and falls
 * back to H2's order otherwise. Keys are stored as before.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    private final ObjectDataType stored = new ObjectDataType();

    @Override
    public int compare(KeyValue one, KeyValue other) {
        for (int i = 0; i < Math.min(one.size(), other.size()); i++) {
            int order = compareValues(one.get(i), other.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(one.size(), other.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compareValues(Object one, Object other) {
        if (one == other) {
            return 0;
        }
        if (one == null || other == null) {
            return one == null ? -1 : 1;
        }
        if (one.getClass() == other.getClass() && one instanceof Comparable comparable) {
            return comparable.compareTo(other);
        }
        int byClass = one.getClass().getName().compareTo(other.getClass().getName());
        return byClass != 0 ? byClass : stored.compare(one, other);
    }

    @Override
    public int getMemory(KeyValue key) {
        return stored.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        stored.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) stored.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
