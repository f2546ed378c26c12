package de.participation.command.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.kafka.MeetingEventJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;

/**
 * Axon's JDBC event store on PostgreSQL (tables from the Flyway migrations), with JSON
 * serialization: XStream cannot read Java records (ARCHITECTURE.md, trap 2), and JSON keeps the
 * stored history readable for auditors. Axon uses its in-memory store without these beans
 * (trap 3), so they are declared here rather than left to chance.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** The published language's mapper: it ignores unknown fields, so old code reads newer events. */
    private static JacksonSerializer jsonSerializer(ObjectMapper mapper) {
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jsonSerializer(MeetingEventJson.mapper());
    }

    /**
     * Events are stored with their schema version as Axon's payload revision, so that
     * {@link StoredEventUpcaster} can bring an event stored at an earlier version to the current one.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(MeetingEventJson.mapper())
                .revisionResolver(StoredEventUpcaster::revisionOf).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jsonSerializer(MeetingEventJson.mapper());
    }

    /**
     * Connections of the Spring transaction bound to the thread, nothing more. Axon's default wraps
     * this provider in a UnitOfWorkAwareConnectionProviderWrapper, which rolls the connection back
     * when the unit of work that first used it rolls back: with a batch of commands in one
     * transaction (GroupCommit) that is a nested unit, and a refused command would have rolled back
     * the commands decided before it. Spring's transaction, owned by the batch, decides instead.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                          @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          Configuration axonConfiguration) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                // Axon's filter per aggregate from its @Revision (as Axon's own JDBC auto-configuration
                // wires it): a snapshot of another revision, or of none, is skipped and the aggregate is
                // rebuilt from its events rather than misread.
                .snapshotFilter(axonConfiguration.snapshotFilter())
                .upcasterChain(axonConfiguration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .build();
    }
}
