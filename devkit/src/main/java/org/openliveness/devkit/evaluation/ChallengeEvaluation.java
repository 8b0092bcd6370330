package org.openliveness.devkit.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openliveness.engine.verdict.ChallengeOutcome;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.SessionPhoto;

/**
 * Judges pose-labelled photos as answers to a {@link ChallengeTask}, the way a session would.
 *
 * <p>Each photo is submitted as the answer to the challenge; the session's other photos are the
 * frontal photos of the same subject (the {@code subject=} item of the {@code extra} column; photos
 * without one form one group), except the photo itself, standing in as reference selfies. So the
 * baseline is those photos' mean yaw or pitch, and a frontal photo is judged against the subject's
 * other frontal photos: the measure's noise between two captures of a still head. A subject with a
 * single frontal photo gives that photo no baseline; the judge then measures from zero, as on a
 * session's first upload. Each photo was examined as the service examines an upload (the same
 * {@link org.openliveness.engine.verdict.PhotoExaminer} rule); photos with no usable face neither
 * pass nor serve as baseline.
 */
public final class ChallengeEvaluation {

    private ChallengeEvaluation() {
    }

    /**
     * A pose-labelled photo.
     *
     * @param file    the file, for reports
     * @param label   its pose label
     * @param subject who it shows ({@code ""} when unknown)
     * @param examination what the examiner found, or {@code null} when the file could not be decoded
     */
    public record Photo(String file, String label, String subject, Examination examination) {

        public Photo {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(label, "label");
            subject = subject == null ? "" : subject;
        }

        /** Whether the photo has a usable face. */
        public boolean usable() {
            return examination != null && examination.isUsable();
        }
    }

    /**
     * How one photo fared as the answer to the challenge.
     *
     * @param photo     the photo
     * @param performed whether its label is the challenge's own (a positive)
     * @param value     the judged measure (yaw or pitch change in degrees), {@code -Infinity} without a usable face
     * @param met       whether the judge accepted it
     * @param baseline  the baseline it was measured from, NaN when there was none
     */
    public record Judged(Photo photo, boolean performed, double value, boolean met, double baseline) {
    }



    /** Every pose-labelled photo of {@code photos}, judged as the answer to {@code task}. */
    public static List<Judged> judge(ChallengeTask task, List<Photo> photos, SessionJudge judge) {
        List<Judged> out = new ArrayList<>();
        for (Photo p : photos) {
            if (!ChallengeTask.POSE_LABELS.contains(p.label())) {
                continue;
            }
            boolean performed = p.label().equals(task.label());
            if (!p.usable()) {
                out.add(new Judged(p, performed, Double.NEGATIVE_INFINITY, false, Double.NaN));
                continue;
            }
            List<SessionPhoto> others = new ArrayList<>();
            for (Photo o : photos) {
                if (o != p && o.usable() && o.label().equals(ChallengeTask.FRONTAL) && o.subject().equals(p.subject())) {
                    others.add(new SessionPhoto(o.file(), null, o.examination().evidence()));
                }
            }
            ChallengeOutcome outcome = judge.judge(task.type(), p.examination().evidence(), others);
            out.add(new Judged(p, performed, outcome.value(), outcome.met(), outcome.baseline()));
        }
        return out;
    }
}
