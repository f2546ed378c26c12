package de.participation.command.writing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

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
}
