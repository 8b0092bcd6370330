package org.openliveness.engine.antispoof;

/**
 * The scores of {@code @vladmandic/human}'s two small passive models, each in 0..1, higher meaning
 * more likely live; computed only when {@code EngineConfig.legacyAntiSpoof} asks for them.
 *
 * <p>The bundled models scored at chance on real printed-photo and screen-replay attacks
 * (AUC ≈ 0.45): these scores are reported, but {@link #evidence()} is false and no verdict
 * may rely on them.
 *
 * @param score     the mean of the models' scores
 * @param antispoof {@code @vladmandic/human}'s {@code antispoof} model, as live probability
 * @param liveness  {@code @vladmandic/human}'s {@code liveness} model, as live probability
 * @param evidence  whether these models have passed an evaluation on real attacks
 */
public record AntiSpoofScores(double score, double antispoof, double liveness, boolean evidence) {}
