package de.participation.query.personaldata;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataPropertiesTest {

    private static PersonalDataProperties keepingFor(Duration cacheFor) {
        return new PersonalDataProperties(URI.create("http://localhost:8081"), Duration.ofSeconds(5), cacheFor, 10);
    }

    @Test
    void aKeptParticipantMayNotOutliveAnErasureByMoreThanFiftySeconds() {
        assertThat(keepingFor(Duration.ofSeconds(50)).cacheFor()).hasSeconds(50);
        assertThatThrownBy(() -> keepingFor(Duration.ofSeconds(51)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache-for");
        assertThatThrownBy(() -> keepingFor(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(keepingFor(Duration.ZERO).cacheFor()).as("keeps nothing").isZero();
    }
}
