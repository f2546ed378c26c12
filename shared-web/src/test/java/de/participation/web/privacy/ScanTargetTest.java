package de.participation.web.privacy;

import de.participation.web.privacy.ScanReport.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScanTargetTest {

    private static final String HASH = "kTq0Yv1n3Wc2bJmGf5hQx8sLrA7uZdE4oPiN6yHgB9w";
    private final ScanTarget erika = new ScanTarget(" Erika@Example.org ", List.of(HASH));

    @Test
    void findsTheAddressInAnyCase() {
        assertThat(erika.tracesIn("{\"email\":\"ERIKA@example.ORG\"}")).containsExactly(Trace.ADDRESS);
    }

    @Test
    void findsAHashStandingAloneAtTheEdgesOrInsideALongerValue() {
        assertThat(erika.tracesIn("{\"emailHash\":\"" + HASH + "\"}")).containsExactly(Trace.EMAIL_HASH);
        assertThat(erika.tracesIn(HASH)).containsExactly(Trace.EMAIL_HASH);
        assertThat(erika.tracesIn("x|AbC-_" + HASH + "Zz9")).containsExactly(Trace.EMAIL_HASH);
    }

    @Test
    void findsNothingInOtherTextOrInAHashCutShort() {
        assertThat(erika.tracesIn("erika@example.com " + HASH.substring(1) + " " + HASH.substring(0, 42)
                + "/" + HASH.substring(42))).isEmpty();
        assertThat(erika.tracesIn("")).isEmpty();
    }
}
