package de.participation.query.config;

import de.participation.web.privacy.KeyedHash;
import de.participation.web.security.TokenProperties;
import de.participation.web.settings.RequiredSetting;
import de.participation.web.settings.RequiredSettingsCheck;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The query service needs the MongoDB of its read models, the Kafka brokers of the history, its
 * token settings, its own key-encryption keys for the webhook secrets (a file of them, or the
 * same lines as a value) and the key of its keyed hashes.
 */
@Component
class RequiredInfrastructure extends RequiredSettingsCheck {

    @Override
    protected List<RequiredSetting> required(Environment environment) {
        List<RequiredSetting> required = new ArrayList<>(List.of(
                new RequiredSetting("participation.mongodb.uri", "MONGODB_URI", "the MongoDB of its read models"),
                new RequiredSetting("participation.kafka.bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
                        "the Kafka brokers whose topic it projects")));
        required.addAll(TokenProperties.REQUIRED);
        String kekFile = environment.getProperty("participation.webhooks.key-encryption-keys.file");
        if (kekFile == null || kekFile.isBlank()) {
            required.add(new RequiredSetting("participation.webhooks.key-encryption-keys.value", "WEBHOOK_KEKS",
                    "the key-encryption keys that seal the webhook secrets at rest, its own, or WEBHOOK_KEKS_FILE naming a file of them"));
        }
        required.add(KeyedHash.KEY);
        return required;
    }
}
