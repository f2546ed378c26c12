package de.participation.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The published language is plain Java: every service and tool can use it, whatever it runs on. */
@AnalyzeClasses(packages = "de.participation.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Its JSON form is the wire format's business (shared-kafka), not the events'. */
    @ArchTest
    static final ArchRule eventsUseNoFramework = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework..", "org.axonframework..", "org.apache.kafka..", "java.sql..", "javax.sql..",
            "com.fasterxml.jackson.databind..", "com.mongodb..", "org.bson..");
}
