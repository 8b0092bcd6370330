package org.openliveness.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.ENUMS;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.RECORDS;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How the engine's clients, the server and the command line, may use it. Here because this module's
 * class path is the only one holding both.
 */
@AnalyzeClasses(packages = "org.openliveness", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages that each run one stage of {@code FaceEngine}'s pipeline, and the model loading under them. */
    private static final String[] STAGES = {
        "org.openliveness.engine.detection..", "org.openliveness.engine.landmarks..", "org.openliveness.engine.pose..",
        "org.openliveness.engine.expression..", "org.openliveness.engine.quality..", "org.openliveness.engine.antispoof..",
        "org.openliveness.engine.embedding..", "org.openliveness.engine.onnx.."};

    /**
     * What a stage package may show its clients: the values {@code FaceAnalysis} and {@code EngineConfig} carry
     * (records such as {@code Embedding}, enums such as {@code ModelId}) and the failures the engine throws
     * ({@code ModelException}).
     */
    private static final DescribedPredicate<JavaClass> VALUE_TYPES = RECORDS.or(ENUMS).or(assignableTo(RuntimeException.class))
            .as("records, enums or exceptions");

    /**
     * The server and the command line run the pipeline only through {@code FaceEngine}: they never build
     * a detector, a mesh, an embedder, a pose estimator or a model registry of their own.
     */
    @ArchTest
    static final ArchRule clientsReachTheStagesOnlyThroughFaceEngine = noClasses()
            .that().resideInAnyPackage("org.openliveness.server..", "org.openliveness.cli..")
            .should().dependOnClassesThat(resideInAnyPackage(STAGES).and(DescribedPredicate.not(VALUE_TYPES))
                    .as("belong to a stage package and are not " + VALUE_TYPES.getDescription()))
            .because("FaceEngine is the engine's entry point; its stages may change behind it");

    /** Synthetic faces, simulated attacks and evaluation serve development; the service never runs them. */
    @ArchTest
    static final ArchRule serverNeverUsesTheDevkit = noClasses()
            .that().resideInAPackage("org.openliveness.server..")
            .should().dependOnClassesThat().resideInAPackage("org.openliveness.devkit..");
}
