package de.participation.command.config;

import de.participation.web.privacy.KeyedHash;
import de.participation.web.security.TokenProperties;
import de.participation.web.settings.RequiredSetting;
import de.participation.web.settings.RequiredSettingsCheck;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The command service needs its event store, the key-encryption keys of the participants' keys
 * (from a file, or else the setting's value), its token settings, the key of its keyed hashes and,
 * unless forwarding is switched off, Kafka.
 */
@Component
class RequiredInfrastructure extends RequiredSettingsCheck {

    @Override
    protected List<RequiredSetting> required(Environment environment) {
        List<RequiredSetting> required = new ArrayList<>(List.of(new RequiredSetting("spring.datasource.url",
                "SPRING_DATASOURCE_URL", "the PostgreSQL that holds its event store")));
        String keysInline = environment.getProperty("participation.personal-data.key-encryption-keys.value");
        if (keysInline == null || keysInline.isBlank()) {
            required.add(new RequiredSetting("participation.personal-data.key-encryption-keys.file", "PARTICIPANT_KEKS_FILE",
                    "the key-encryption keys that wrap the participants' keys (or PARTICIPANT_KEKS with the keys themselves)"));
        }
        required.addAll(TokenProperties.REQUIRED);
        required.add(KeyedHash.KEY);
        if (environment.getProperty("participation.kafka.enabled", Boolean.class, true)) {
            required.add(new RequiredSetting("participation.kafka.bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
                    "the Kafka brokers it publishes the events to"));
        }
        return required;
    }
}
