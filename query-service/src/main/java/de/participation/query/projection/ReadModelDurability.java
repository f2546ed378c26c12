package de.participation.query.projection;

/**
 * Makes the read-model writes so far durable. A real MongoDB does so per write (journaled write
 * concern); the embedded stand-in's file store commits in batches and is flushed here, before the
 * consumer commits its Kafka offsets: an offset must never be ahead of what the read models hold.
 */
@FunctionalInterface
public interface ReadModelDurability {

    void flush();
}
