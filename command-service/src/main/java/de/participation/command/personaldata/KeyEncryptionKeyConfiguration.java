package de.participation.command.personaldata;

import de.participation.web.keys.KeyEncryptionKeyFile;
import io.micrometer.core.instrument.MeterRegistry;
import de.participation.web.keys.KeyEncryptionKeys;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key-encryption keys that wrap the participants' keys, from a file (read again when it
 * changes) or a setting's value; one of them is required (RequiredInfrastructure). A KMS or HSM
 * would come in here as another {@link KeyEncryptionKeys}.
 */
@Configuration(proxyBeanMethods = false)
class KeyEncryptionKeyConfiguration {

    /**
     * @param file  a file of KEKs, one {@code <id>:<base64 of 32 bytes>} per line, the last current
     * @param value the same lines in the setting itself
     */
    @ConfigurationProperties("participation.personal-data.key-encryption-keys")
    record KeyEncryptionKeySettings(String file, String value) {
    }

    @Bean
    KeyEncryptionKeys participantKeyEncryptionKeys(KeyEncryptionKeySettings settings, MeterRegistry meters) {
        return new MeteredKeyEncryptionKeys(KeyEncryptionKeyFile.fromFileOrValue(settings.file(), settings.value(),
                "PARTICIPANT_KEKS_FILE", "PARTICIPANT_KEKS"), meters);
    }
}
