package org.openliveness.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.cyclea.CycleA;
import org.openliveness.engine.cycleb.CycleB;

/** The engine's layout: packages without cycles, and nothing of the build-time or development modules. */
@AnalyzeClasses(packages = "org.openliveness.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ENGINE = "org.openliveness.engine";

    /**
     * One slice per package directly under the engine's root (with its sub-packages), and one for
     * the root package itself ({@code FaceEngine}, {@code FaceAnalysis}, ...), so a stage importing
     * the root is a cycle too (which {@code slices().matching("org.openliveness.engine.(*)..")}
     * would not see: it leaves the root package out).
     */
    private static final SliceAssignment ENGINE_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(ENGINE)) {
                return SliceIdentifier.of("(root)");
            }
            if (name.startsWith(ENGINE + ".")) {
                return SliceIdentifier.of(name.substring(ENGINE.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the engine's packages, its root package included";
        }
    };

    /** The root package may import the stage packages, never the reverse; stages import each other one way only. */
    @ArchTest
    static final ArchRule noCyclesBetweenEnginePackages = slices().assignedFrom(ENGINE_PACKAGES).should().beFreeOfCycles();

    /** What runs in production holds nothing of what runs at build time or serves development. */
    @ArchTest
    static final ArchRule engineNeverUsesTheConverterOrTheDevkit = noClasses()
            .that().resideInAPackage(ENGINE + "..")
            .should().dependOnClassesThat().resideInAnyPackage("org.openliveness.models..", "org.openliveness.devkit..")
            .because("the converter runs at build time and the devkit serves development; neither ships in the engine");

    /** The cycle rule can fail: two test-only packages that import each other are reported. */
    @Test
    void theCycleRuleReportsTwoPackagesThatImportEachOther() {
        EvaluationResult result = noCyclesBetweenEnginePackages.evaluate(
                new ClassFileImporter().importClasses(CycleA.class, CycleB.class));
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(result.hasViolation(), "no violation reported for cyclea <-> cycleb");
        assertTrue(report.contains("cyclea") && report.contains("cycleb"), report);
    }
}
