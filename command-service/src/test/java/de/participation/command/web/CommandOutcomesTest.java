package de.participation.command.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandOutcomesTest {

    @Test
    void everyAnswerOfTwoHundredSomethingIsAccepted() {
        assertThat(CommandOutcomes.outcome(200, null)).isEqualTo("accepted");
        assertThat(CommandOutcomes.outcome(201, null)).isEqualTo("accepted");
    }

    @Test
    void everyServiceUnavailableIsOneOutcomeWhateverItsCode() {
        assertThat(CommandOutcomes.outcome(503, "BUSY")).isEqualTo("unavailable");
        assertThat(CommandOutcomes.outcome(503, "DATABASE_UNAVAILABLE")).isEqualTo("unavailable");
    }

    @Test
    void aRefusalIsCountedByItsProblemCodeOrElseByItsStatus() {
        assertThat(CommandOutcomes.outcome(409, "MEETING_FULL")).isEqualTo("MEETING_FULL");
        assertThat(CommandOutcomes.outcome(400, "VALIDATION_FAILED")).isEqualTo("VALIDATION_FAILED");
        assertThat(CommandOutcomes.outcome(405, null)).isEqualTo("METHOD_NOT_ALLOWED");
    }
}
