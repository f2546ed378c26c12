package de.participation.query.webhooks;

import de.participation.web.keys.KeyEncryptionKeyFile;
import de.participation.web.keys.KeyEncryptionKeys;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query service's own key-encryption keys, which seal the webhook secrets: a file of them
 * ({@code WEBHOOK_KEKS_FILE}, read again when it changes) or the same lines as a setting
 * ({@code WEBHOOK_KEKS}); one of the two is required (RequiredInfrastructure). A key management
 * system would be another {@link KeyEncryptionKeys} bean here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookKeysConfiguration.Source.class)
class WebhookKeysConfiguration {

    /**
     * @param file  a file of KEKs, one {@code <id>:<base64 of 32 random bytes>} per line, the last current
     * @param value the same lines, where no file can be mounted
     */
    @ConfigurationProperties("participation.webhooks.key-encryption-keys")
    record Source(String file, String value) {
    }

    @Bean
    KeyEncryptionKeys webhookKeyEncryptionKeys(Source source) {
        return KeyEncryptionKeyFile.fromFileOrValue(source.file(), source.value(), "WEBHOOK_KEKS_FILE", "WEBHOOK_KEKS");
    }
}
