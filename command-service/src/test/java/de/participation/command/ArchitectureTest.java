package de.participation.command;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import de.participation.command.meeting.MeetingAggregate;
import de.participation.command.meeting.PersonalDataVault;
import de.participation.command.personaldata.EmailHasher;
import de.participation.command.personaldata.KeyService;
import de.participation.command.personaldata.ParticipantCipher;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The command service's architecture, as rules that fail the build when broken. */
@AnalyzeClasses(packages = "de.participation.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "de.participation.command.meeting";
    private static final String KEY_SERVICE = "de.participation.command.personaldata";

    /** The rules of a meeting are plain Java (and Axon's aggregate model): testable without any plumbing. */
    @ArchTest
    static final ArchRule theDomainUsesNoPlumbing = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "java.sql..", "javax.sql..", "com.fasterxml.jackson.databind..", "com.mongodb..", "org.bson..");

    /**
     * Only the domain's API is public, as the command handlers define it: the commands they take,
     * the outcomes they return (and the records these hold), the ports they are given (interfaces the adapters implement), the
     * rule violation they throw and its code, and the aggregate's type for its repository. Any other
     * public type (a new record that no handler takes, a helper) fails until it is package-private.
     */
    @ArchTest
    static final ArchRule onlyTheDomainsApiIsPublic = classes().that().resideInAPackage(DOMAIN).and().arePublic()
            .should(DomainApi.beOfTheDomainsApi());

    /** Handlers are reached through the command bus and the event store only, never called directly. */
    @ArchTest
    static final ArchRule handlersArePackagePrivate = methods().that().areAnnotatedWith(CommandHandler.class)
            .or().areAnnotatedWith(EventSourcingHandler.class)
            .should().notBePublic().andShould().notBeProtected().andShould().notBePrivate();

    /** The aggregate is used through its commands, so its state can change without touching any caller. */
    @ArchTest
    static final ArchRule theAggregateIsPackagePrivate = classes().that().resideInAPackage(DOMAIN)
            .and().areAnnotatedWith(Aggregate.class).should().notBePublic();

    /**
     * State changes only in event sourcing handlers, so a command refused before it applied an event
     * leaves the meeting in memory exactly as stored (and FreshCachingRepository may keep it cached).
     */
    @ArchTest
    static final ArchRule onlyEventSourcingHandlersAssignTheAggregatesFields = methods().that()
            .areDeclaredInClassesThat().areAnnotatedWith(Aggregate.class)
            .and().areNotAnnotatedWith(EventSourcingHandler.class)
            .should(new ArchCondition<>("not assign a field of the aggregate") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    method.getFieldAccesses().stream()
                            .filter(access -> access.getAccessType() == JavaFieldAccess.AccessType.SET)
                            .filter(access -> access.getTargetOwner().equals(method.getOwner()))
                            .forEach(access -> events.add(SimpleConditionEvent.violated(method,
                                    access.getDescription())));
                }
            });

    /** Features depend on each other in one direction only. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("de.participation.command.(*)..")
            .should().beFreeOfCycles();

    /** The two services meet only in the published language and the topic. */
    @ArchTest
    static final ArchRule neverUsesTheQueryService = noClasses().should().dependOnClassesThat()
            .resideInAPackage("de.participation.query..");

    /**
     * Every command reaches the meetings through their writers, which decide a meeting's commands
     * in arrival order and commit them in batches; a command sent to Axon's bus or gateway directly
     * would run outside any transaction (the bus has none of its own) and past the meeting's queue.
     */
    @ArchTest
    static final ArchRule commandsGoThroughTheMeetingsWriters = noClasses().that()
            .resideOutsideOfPackages("de.participation.command.writing..", "de.participation.command.config..")
            .should().dependOnClassesThat().areAssignableTo(CommandBus.class)
            .orShould().dependOnClassesThat().areAssignableTo(CommandGateway.class);

    /**
     * The key service is a part of its own: only it uses the ciphers and the hasher (and the
     * migrations that sealed and re-hashed stored data, outside these packages); everything else
     * reaches it through {@link KeyService} or the Meeting's vault port.
     */
    @ArchTest
    static final ArchRule onlyTheKeyServiceHandlesKeys = noClasses().that().resideOutsideOfPackage(KEY_SERVICE)
            .should().dependOnClassesThat().belongToAnyOf(ParticipantCipher.class, EmailHasher.class);

    /** Of the domain, the key service knows only the port it implements. */
    @ArchTest
    static final ArchRule theKeyServiceKnowsOnlyTheVaultPortOfTheDomain = noClasses().that().resideInAPackage(KEY_SERVICE)
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(DOMAIN)
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(PersonalDataVault.class))));

    /** The domain's API as its command handlers define it. */
    private static final class DomainApi {

        static ArchCondition<JavaClass> beOfTheDomainsApi() {
            return new ArchCondition<>("be a command, an outcome or a part of one, a port, the rule violation "
                    + "or its code, or the aggregate's type") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    Optional<String> role = roleOf(type);
                    events.add(new SimpleConditionEvent(type, role.isPresent(), role
                            .map(found -> type.getName() + " is " + found)
                            .orElse(type.getName() + " is public, but no command handler takes, returns or throws"
                                    + " it: make it package-private")));
                }
            };
        }

        private static Optional<String> roleOf(JavaClass type) {
            List<JavaMethod> handlers = type.getPackage().getClasses().stream()
                    .flatMap(owner -> owner.getMethods().stream())
                    .filter(method -> method.isAnnotatedWith(CommandHandler.class))
                    .toList();
            Set<JavaClass> violations = handlers.stream()
                    .flatMap(handler -> handler.getThrowsClause().getTypes().stream())
                    .collect(Collectors.toSet());
            if (type.isRecord() && handlers.stream()
                    .anyMatch(handler -> handler.getRawParameterTypes().getFirst().equals(type))) {
                return Optional.of("a command");
            }
            if (type.isRecord() && handlers.stream().anyMatch(handler -> handler.getRawReturnType().equals(type))) {
                return Optional.of("an outcome");
            }
            if (type.isRecord() && handlers.stream().map(JavaMethod::getRawReturnType).filter(JavaClass::isRecord)
                    .anyMatch(outcome -> outcome.getFields().stream()
                            .anyMatch(field -> field.getRawType().equals(type)))) {
                return Optional.of("a part of an outcome");
            }
            if (type.isInterface() && handlers.stream().anyMatch(handler -> handler.getRawParameterTypes().stream()
                    .skip(1).anyMatch(type::equals))) {
                return Optional.of("a port");
            }
            if (violations.contains(type)) {
                return Optional.of("the rule violation");
            }
            if (type.isEnum() && violations.stream().flatMap(violation -> violation.getMethods().stream())
                    .filter(method -> method.getModifiers().contains(JavaModifier.PUBLIC))
                    .anyMatch(method -> method.getRawReturnType().equals(type))) {
                return Optional.of("the rule violation's code");
            }
            if (type.isEquivalentTo(MeetingAggregate.class)) {
                return Optional.of("the aggregate's type, for its repository");
            }
            return Optional.empty();
        }
    }
}
