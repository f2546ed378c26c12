package de.participation.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.spring.stereotype.Aggregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The command service's architecture, as rules that fail the build when broken. */
@AnalyzeClasses(packages = "de.participation.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "de.participation.command.meeting";

    /** The rules of a meeting are plain Java (and Axon's aggregate model): testable without any plumbing. */
    @ArchTest
    static final ArchRule theDomainUsesNoPlumbing = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "java.sql..", "javax.sql..", "com.fasterxml.jackson.databind..", "com.mongodb..", "org.bson..");

    /**
     * Only the domain's API is public: commands and outcomes (records), the ports the adapters
     * implement (interfaces), the rule violation and its codes, and the aggregate's type for its
     * repository. The aggregate, its state and its handlers stay package-private.
     */
    @ArchTest
    static final ArchRule onlyTheDomainsApiIsPublic = classes().that().resideInAPackage(DOMAIN).and().arePublic()
            .should().beRecords().orShould().beInterfaces().orShould().beEnums()
            .orShould().beAssignableTo(Exception.class).orShould().haveSimpleName("MeetingAggregate");

    @ArchTest
    static final ArchRule commandHandlersArePackagePrivate = methods().that().areAnnotatedWith(CommandHandler.class)
            .should().notBePublic().andShould().notBeProtected().andShould().notBePrivate();

    @ArchTest
    static final ArchRule theAggregateIsPackagePrivate = classes().that().resideInAPackage(DOMAIN)
            .and().areAnnotatedWith(Aggregate.class).should().notBePublic();

    /** Features depend on each other in one direction only. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("de.participation.command.(*)..")
            .should().beFreeOfCycles();

    /** The two services meet only in the published language and the topic. */
    @ArchTest
    static final ArchRule neverUsesTheQueryService = noClasses().should().dependOnClassesThat()
            .resideInAPackage("de.participation.query..");
}
