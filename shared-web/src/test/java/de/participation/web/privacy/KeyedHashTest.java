package de.participation.web.privacy;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyedHashTest {

    private static String key(int bytes, int fill) {
        byte[] key = new byte[bytes];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theSameTextGivesTheSameHashUnderOneKeyAndPurposeOnly() {
        KeyedHash hash = new KeyedHash(key(32, 1));

        assertThat(hash.of("scan", "ada@example.org")).isEqualTo(hash.of("scan", "ada@example.org")).hasSize(43)
                .doesNotContain("ada")
                .isNotEqualTo(hash.of("rate-limit", "ada@example.org"))
                .isNotEqualTo(new KeyedHash(key(32, 2)).of("scan", "ada@example.org"));
    }

    @Test
    void aShortKeyIsRefusedNamingItsSetting() {
        assertThatThrownBy(() -> new KeyedHash(key(16, 1))).hasMessageContaining("PRIVACY_HASH_KEY");
    }
}
