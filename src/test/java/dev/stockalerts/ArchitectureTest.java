package dev.stockalerts;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rule of docs/architecture.md, checked on the compiled functions and local tooling: the domain knows
 * only the JDK, use cases know the domain and their own ports, adapters point inward and not at each other, only the
 * composition root and the handlers see everything, and nothing but the local tooling sees the local tooling.
 */
class ArchitectureTest {
    private static final String[] DOMAIN = packages("alert", "market", "time");
    private static final String[] APPLICATION = packages("check", "state", "delivery", "quote", "manage", "throttle", "bot");
    /** Shared by adapters: the one JSON mapper, AWS plumbing, settings from the environment. */
    private static final String[] SUPPORT = packages("json", "aws", "config", "http");
    private static final String[] ADAPTERS = packages("api", "dynamo", "providers", "notify");
    private static final String[] ENTRY = packages("handler", "wiring");
    private static final String[] LOCAL = packages("local");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.stockalerts");

    private static String[] packages(String... names) {
        return Arrays.stream(names).map(n -> "dev.stockalerts." + n + "..").toArray(String[]::new);
    }

    private static String[] and(String[]... groups) {
        return Stream.of(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private static void check(ArchRule rule) {
        rule.check(CLASSES);
    }

    @Test
    void theDomainDependsOnTheJdkAndItselfOnly() {
        check(classes().that().resideInAnyPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(and(DOMAIN, new String[] {"java.."})));
    }

    @Test
    void useCasesDependOnTheDomainAndTheirPortsOnly() {
        check(classes().that().resideInAnyPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage(and(DOMAIN, APPLICATION, new String[] {"java.."})));
    }

    @Test
    void adaptersPointInwardAndNotAtEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new);
            check(noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(and(others, ENTRY, LOCAL)));
        }
    }

    @Test
    void sharedSupportDependsOnNothingOutward() {
        check(noClasses().that().resideInAnyPackage(SUPPORT)
                .should().dependOnClassesThat().resideInAnyPackage(and(APPLICATION, ADAPTERS, ENTRY, LOCAL)));
    }

    @Test
    void onlyTheHandlersUseTheCompositionRootAndNothingUsesTheHandlers() {
        check(noClasses().that().resideOutsideOfPackages(and(ENTRY, LOCAL))
                .should().dependOnClassesThat().resideInAnyPackage(ENTRY));
        check(noClasses().that().resideOutsideOfPackages(and(packages("handler"), LOCAL))
                .should().dependOnClassesThat().resideInAnyPackage(packages("handler")));
    }

    @Test
    void nothingOutsideTheLocalToolingImportsIt() {
        check(noClasses().that().resideOutsideOfPackages(LOCAL)
                .should().dependOnClassesThat().resideInAnyPackage(LOCAL));
    }

    @Test
    void noStaticMutableStateOutsideTheCompositionRoot() {
        check(fields().that().areStatic().and().areDeclaredInClassesThat().resideOutsideOfPackages(and(packages("wiring"), LOCAL))
                .should().beFinal());
    }

    @Test
    void logLinesGoThroughTheInjectedSinkNotStandardStreams() {
        // Two classes own stdout: the composition root hands it to everything as the log sink in Lambda, and the run
        // report is written there as bare JSON for CloudWatch's Embedded Metric Format.
        check(noClasses().that().resideOutsideOfPackages(LOCAL)
                .and().doNotHaveFullyQualifiedName("dev.stockalerts.wiring.App")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace"));
    }
}
