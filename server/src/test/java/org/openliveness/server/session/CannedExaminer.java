package org.openliveness.server.session;

import static org.openliveness.engine.verdict.CannedEvidence.shot;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.CannedEvidence;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.FramePreview;
import org.openliveness.engine.verdict.PhotoExaminer;
import org.openliveness.engine.verdict.PhotoProblem;

/**
 * A {@link PhotoExaminer} for tests of the session core: "photos" are a few bytes that stand for
 * an examination the test chose ({@link #photo}), so the core's rules run in milliseconds on
 * canned evidence. Bytes it never handed out are refused as a corrupt image.
 */
final class CannedExaminer implements PhotoExaminer {

    private final Map<ByteBuffer, Examination> photos = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    /** New photo bytes that examine as {@code examination}. */
    byte[] photo(Examination examination) {
        byte[] bytes = ("canned photo " + next.incrementAndGet() + " ").repeat(8).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        photos.put(ByteBuffer.wrap(bytes), examination);
        return bytes;
    }

    /** A new photo of the session's person performing {@code type} (frontal except for the movement asked). */
    byte[] performing(ChallengeType type) {
        CannedEvidence.Shot s = switch (type) {
            case TURN_LEFT -> shot().yaw(25);
            case TURN_RIGHT -> shot().yaw(-25);
            case LOOK_UP -> shot().pitch(12);
            case SMILE -> shot().smile(0.8);
            case BLINK -> shot().eyes(0.1);
            case OPEN_MOUTH -> shot().mouth(0.6);
            case LIGHT -> shot(); // a still photo cannot answer it
        };
        return photo(Examination.usable(s.evidence()));
    }

    /** A new neutral frontal photo of the session's person. */
    byte[] frontal() {
        return photo(Examination.usable(shot().evidence()));
    }

    /** A new frontal photo of someone else. */
    byte[] otherPerson() {
        return photo(Examination.usable(shot().embedding(CannedEvidence.embedding(0.2)).evidence()));
    }

    /** A new photo in which no face is found. */
    byte[] noFace() {
        return photo(Examination.unusable(new PhotoProblem(FailureReason.NO_FACE, "no face found in the photo")));
    }

    @Override
    public Examination examine(byte[] photo) {
        Examination e = photos.get(ByteBuffer.wrap(photo));
        if (e == null) {
            throw new ImageException(ImageException.Code.CORRUPT, "the photo cannot be decoded");
        }
        return e;
    }

    /** Previews are not canned: a frame the test handed out previews as a centred face, others as no face. */
    @Override
    public FramePreview preview(byte[] frame) {
        Examination e = photos.get(ByteBuffer.wrap(frame));
        return e == null || !e.isUsable()
                ? new FramePreview(640, 480, 0, null, java.util.List.of(FramePreview.Hint.NO_FACE))
                : new FramePreview(640, 480, 1, new org.openliveness.engine.geometry.Box(220, 120, 200, 240),
                        java.util.List.of(FramePreview.Hint.OK));
    }
}
