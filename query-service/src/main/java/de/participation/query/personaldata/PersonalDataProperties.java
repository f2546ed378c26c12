package de.participation.query.personaldata;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where sealed participants are opened.
 *
 * @param commandServiceUrl the command service, which alone holds the keys
 * @param timeout           how long a read waits for it before answering 503
 */
@ConfigurationProperties("participation.personal-data")
public record PersonalDataProperties(
        @DefaultValue("http://localhost:8081") URI commandServiceUrl,
        @DefaultValue("5s") Duration timeout) {
}
