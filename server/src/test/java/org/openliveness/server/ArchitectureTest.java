package org.openliveness.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
