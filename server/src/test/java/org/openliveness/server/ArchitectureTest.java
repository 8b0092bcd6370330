package org.openliveness.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layout rules of STYLE.md that a compiler does not check. */
@AnalyzeClasses(packages = "org.openliveness", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The engine is a plain library: the CLI's analyze/evaluate commands run it without Spring. */
    @ArchTest
    static final ArchRule engineNeverUsesSpring = noClasses()
            .that().resideInAPackage("org.openliveness.engine..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the engine is plain Java, shared by the server and the command line");

    /** Nothing in the engine reaches back into the server. */
    @ArchTest
    static final ArchRule engineNeverUsesTheServer = noClasses()
            .that().resideInAPackage("org.openliveness.engine..")
            .should().dependOnClassesThat().resideInAPackage("org.openliveness.server..");

    /** The server's features depend on each other in one direction only. */
    @ArchTest
    static final ArchRule serverFeaturesHaveNoCycles = slices()
            .matching("org.openliveness.server.(*)..")
            .should().beFreeOfCycles();

    /** API profiles (the native API today) build on the session core; the core knows none of them. */
    @ArchTest
    static final ArchRule theCoreKnowsNoProfile = noClasses()
            .that().resideInAPackage("org.openliveness.server.session..")
            .should().dependOnClassesThat().resideInAnyPackage("org.openliveness.server.nativeapi..",
                    "org.openliveness.server.profile..", "org.openliveness.server.orderstatus..",
                    "org.openliveness.server.process..", "org.openliveness.server.oauth..")
            .because("each profile maps the core's types and exceptions to its own wire format");

    /** The core decides in domain terms: no HTTP statuses, no web exceptions, no controllers. */
    @ArchTest
    static final ArchRule theCoreSpeaksNoHttp = noClasses()
            .that().resideInAPackage("org.openliveness.server.session..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web..",
                    "org.openliveness.server.web..", "jakarta.servlet..")
            .because("HTTP belongs to the profiles that map the core's results");

    /** Every liveness rule lives in the engine's verdict package: the server has no judge of its own. */
    @ArchTest
    static final ArchRule onlyTheSessionCoreCallsTheJudge = noClasses()
            .that().resideInAPackage("org.openliveness.server..")
            .and().resideOutsideOfPackage("org.openliveness.server.session..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.openliveness.engine.verdict.SessionJudge")
            .because("profiles reach the rules through the session core");
}
