package de.participation.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The query service's architecture, as rules that fail the build when broken. */
@AnalyzeClasses(packages = "de.participation.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Features depend on each other in one direction only. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("de.participation.query.(*)..")
            .should().beFreeOfCycles();

    /** The two services meet only in the published language and the topic. */
    @ArchTest
    static final ArchRule neverUsesTheCommandService = noClasses().should().dependOnClassesThat()
            .resideInAPackage("de.participation.command..");

    /** The query side needs no Axon: it reads the topic with a plain consumer. */
    @ArchTest
    static final ArchRule usesNoAxon = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.axonframework..");
}
