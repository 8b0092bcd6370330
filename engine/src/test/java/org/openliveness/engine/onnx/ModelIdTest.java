package org.openliveness.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelIdTest {

    @Test
    void theIdsAreExactlyTheModelsOfTheBundledManifest() {
        Set<ModelId> bundled = ModelRegistry.bundledSpecs().stream()
                .map(spec -> ModelId.of(spec.name()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ModelId.class)));
        assertEquals(EnumSet.allOf(ModelId.class), bundled);
    }

    @Test
    void eachIdReadsBackFromItsStableName() {
        for (ModelId id : ModelId.values()) {
            assertEquals(id, ModelId.of(id.id()));
            assertEquals(id.id(), id.toString());
        }
        assertEquals(ModelId.FACEAPI_RECOGNITION, ModelId.of("faceapi-recognition"));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelId.of("arcface"));
        assertTrue(e.getMessage().contains("arcface") && e.getMessage().contains("faceres"), e.getMessage());
        assertTrue(ModelId.find("FACERES").isEmpty(), "the enum constant's name is not its stable name");
    }
}
