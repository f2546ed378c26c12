package de.participation.query.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the live projection runs in this instance.
 *
 * @param consumers       consumers in the group, each on a thread of its own with its share of
 *                        the partitions, so that partitions are projected in parallel
 * @param rememberedBytes how much of the documents it wrote each consumer keeps in memory, so as
 *                        not to read them again ({@link de.participation.query.projection.KnownDocuments});
 *                        also what a rebuild keeps
 */
@ConfigurationProperties("participation.projection")
public record ProjectionProperties(
        @DefaultValue("2") int consumers,
        @DefaultValue("32MB") DataSize rememberedBytes) {
}
