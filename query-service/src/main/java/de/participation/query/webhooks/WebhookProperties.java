package de.participation.query.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How webhooks are delivered.
 *
 * @param groupId        the Kafka consumer group of the webhook consumers, apart from the read
 *                       models' group, so that a slow or dead receiver never delays the read models;
 *                       empty: the read models' group with {@code -webhooks}, so that a deployment
 *                       with a group of its own (a replica in its own database) has both
 * @param retryDelays    the pauses after each failed attempt; when they are used up, the delivery
 *                       is failed. The default (Standard Webhooks' usual schedule: 5 s, 5 min,
 *                       30 min, 2 h, 5 h, 10 h, 10 h) retries for 27 h 35 min
 * @param timeout        how long one attempt may take: one deadline for the whole exchange,
 *                       resolving and connecting, sending, the answer's headers and its body
 * @param checkEvery     how often due retries are looked for while deliveries are pending (ten
 *                       times less often while none are); new events and retries asked on this
 *                       instance are sent at once
 * @param concurrency    how many deliveries this instance sends at the same time (connections
 *                       and virtual threads); well above {@code maxPerOwner} times
 *                       {@code concurrencyPerSubscription}, so that slow receivers of one owner
 *                       cannot fill it
 * @param concurrencyPerSubscription how many of one subscription's deliveries (of different
 *                       meetings) are sent at the same time, so that a slow receiver delays only
 *                       its own deliveries
 * @param allowedTargets networks that subscription URLs may point at although they are private,
 *                       loopback or link-local (CIDR, e.g. {@code 127.0.0.0/8}); empty in
 *                       production, so that nobody can make the service call its own infrastructure
 * @param maxPerOwner    how many subscriptions one portal, organisation or operator may hold
 * @param keepLog        how long delivered and failed deliveries stay in the delivery log
 */
@ConfigurationProperties("participation.webhooks")
public record WebhookProperties(
        @DefaultValue("") String groupId,
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retryDelays,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration checkEvery,
        @DefaultValue("256") int concurrency,
        @DefaultValue("2") int concurrencyPerSubscription,
        @DefaultValue List<String> allowedTargets,
        @DefaultValue("50") int maxPerOwner,
        @DefaultValue("30d") Duration keepLog) {
}
