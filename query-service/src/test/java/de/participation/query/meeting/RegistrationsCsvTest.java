package de.participation.query.meeting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationsCsvTest {

    @Test
    void whatPeopleTypedIsNeverTakenForAFormula() {
        assertThat(RegistrationsCsv.cell("=HYPERLINK(\"http://example.org\")")).isEqualTo("'=HYPERLINK(\"http://example.org\")");
        assertThat(RegistrationsCsv.cell("+49 351 123")).isEqualTo("'+49 351 123");
        assertThat(RegistrationsCsv.cell("-1")).isEqualTo("'-1");
        assertThat(RegistrationsCsv.cell("@stadt")).isEqualTo("'@stadt");
        assertThat(RegistrationsCsv.cell("Gemeinde Musterdorf")).isEqualTo("Gemeinde Musterdorf");
        assertThat(RegistrationsCsv.cell(null)).isEmpty();
    }
}
