package de.participation.command.writing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/** The meetings' writers (group commit per meeting) in front of Axon's command bus. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WriterSettings.class)
class WritingConfiguration {

    @Bean
    MeetingWriters meetingWriters(CommandBus commandBus, TransactionManager transactionManager, DataSource dataSource,
                                  WriterSettings settings) {
        return new MeetingWriters(new GroupCommit(commandBus, transactionManager, dataSource, settings.maxAttempts()),
                settings);
    }

    /** @param timeout the longest each phase of a stop may take, as for Spring's own phases */
    @Bean
    WritersShutdown writersShutdown(MeetingWriters meetingWriters,
                                    @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        return new WritersShutdown(meetingWriters, timeout);
    }
}
