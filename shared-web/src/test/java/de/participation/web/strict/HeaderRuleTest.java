package de.participation.web.strict;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The header rule without a regular expression decides exactly as Spring Security's pattern. */
class HeaderRuleTest {

    private static final Pattern SPRING_SECURITY_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "application/json", "Müller-Lüdenscheidt", "",
            "tab\there", "line\nbreak", "nul\u0000", "del\u007f", "c1\u0085", "unassigned\u0378", "emoji \uD83D\uDE00",
            "lone surrogate \uD800", "private use \uE000", "zero width \u200B"})
    void decidesAsSpringSecuritysPattern(String value) {
        assertThat(StrictWebConfiguration.assignedAndNotControl(value))
                .isEqualTo(SPRING_SECURITY_RULE.matcher(value).matches());
    }
}
