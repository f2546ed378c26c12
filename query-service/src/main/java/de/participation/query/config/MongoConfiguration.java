package de.participation.query.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** The MongoDB driver, connected to {@code MONGODB_URI}. */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    /** @param listeners watch the commands sent (none in production; tests check which queries run) */
    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoProperties properties, ObjectProvider<CommandListener> listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                // With MongoDB away a read fails after this (503) instead of the driver's 30 s;
                // the URI's serverSelectionTimeoutMS, if it has one, wins.
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyConnectionString(new ConnectionString(properties.uri()))
                .applicationName("query-service");
        listeners.orderedStream().forEach(settings::addCommandListener);
        return MongoClients.create(settings.build());
    }

    /**
     * Every write is acknowledged only once a majority has it in its journal: the consumer commits
     * its Kafka offsets after the write, and an offset must never be ahead of what the read models
     * keep through a crash.
     */
    @Bean
    MongoDatabase readModelDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.database()).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }
}
