package de.participation.web.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MissingSettingException} into Spring Boot's start-up report, without a stack trace. */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + cause.setting().variable() + " (docs/operations.md: \"Run it on your own infrastructure\").", cause);
    }
}
