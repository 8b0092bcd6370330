package org.openliveness.engine.verdict;

/**
 * Why a photo cannot be judged: no usable face.
 *
 * @param reason one of {@link FailureReason#NO_FACE}, {@link FailureReason#MULTIPLE_FACES},
 *               {@link FailureReason#FACE_TOO_SMALL}, {@link FailureReason#POOR_QUALITY}
 * @param detail what was measured, for people
 */
public record PhotoProblem(FailureReason reason, String detail) {
}
