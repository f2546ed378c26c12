package de.participation.command.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.context.annotation.Bean;

/**
 * Axon's command bus as Spring Boot would configure it, but without a transaction of its own and
 * rolling back on every exception. The meeting's writer (GroupCommit) runs several commands in one
 * transaction, each in a unit of work nested in the batch's; a transaction per command would commit
 * each on its own, and a refused command would mark the batch's transaction rollback-only. A
 * rule violation is a checked exception ({@code MeetingRuleViolation}), which Axon's default
 * commits: whatever the command had written before the rule failed (a registration id claimed, a
 * key created or erased, even the events it had applied) would stay. Rejections must leave nothing
 * behind. Axon evicts a rolled-back command's aggregates from the cache; FreshCachingRepository
 * keeps a meeting that the refused command did not change.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class CommandBusConfiguration {

    @Bean
    SimpleCommandBus commandBus(Configuration axonConfiguration,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder()
                .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axonConfiguration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        commandBus.registerHandlerInterceptor(
                new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
        return commandBus;
    }
}
