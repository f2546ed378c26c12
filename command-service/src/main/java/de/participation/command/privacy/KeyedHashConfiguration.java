package de.participation.command.privacy;

import de.participation.web.privacy.KeyedHash;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeyedHashConfiguration {

    @Bean
    KeyedHash keyedHash(@Value("${participation.privacy.hash-key}") String key) {
        return new KeyedHash(key);
    }
}
