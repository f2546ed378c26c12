package de.participation.command.writing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import javax.sql.DataSource;
import java.time.Duration;

/** The meetings' writers (group commit per meeting) in front of Axon's command bus. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WriterSettings.class)
class WritingConfiguration {

    @Bean
    MeetingWriters meetingWriters(CommandBus commandBus, TransactionManager transactionManager, DataSource dataSource,
                                  WriterSettings settings, ObjectProvider<Tracer> tracer,
                                  ObjectProvider<ObservationRegistry> observations, MeterRegistry meters) {
        return new MeetingWriters(new GroupCommit(commandBus, transactionManager, dataSource, settings.maxAttempts(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), meters), settings,
                tracer.getIfAvailable(() -> Tracer.NOOP), meters);
    }

    /** Before Boot's default tracing handler, which would start the batch's span without its links. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    BatchCommitTracing batchCommitTracing(ObjectProvider<Tracer> tracer) {
        return new BatchCommitTracing(tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    /** @param timeout the longest each phase of a stop may take, as for Spring's own phases */
    @Bean
    WritersShutdown writersShutdown(MeetingWriters meetingWriters,
                                    @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        return new WritersShutdown(meetingWriters, timeout);
    }
}
