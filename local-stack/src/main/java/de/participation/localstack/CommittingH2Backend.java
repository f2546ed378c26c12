package de.participation.localstack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;

/**
 * The stand-in's file store, made to keep what it acknowledged. H2's store writes its changes to
 * the file in batches, up to a second late, so a write the query service had been told was
 * journaled could be lost with the process. Committing before each answer does what a real
 * MongoDB does for the journaled write concern the query service asks for, so the query service
 * itself needs no flushing of its own.
 */
final class CommittingH2Backend extends H2Backend {

    private CommittingH2Backend(MVStore store) {
        super(store);
    }

    static CommittingH2Backend open(Path file) {
        return new CommittingH2Backend(MVStore.open(file.toAbsolutePath().toString()));
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (getMvStore().hasUnsavedChanges()) {
            commit();
        }
        return answer;
    }
}
