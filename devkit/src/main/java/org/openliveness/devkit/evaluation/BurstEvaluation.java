package org.openliveness.devkit.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.Burst;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.PhotoExaminer;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.SessionSoFar;
import org.openliveness.engine.verdict.UploadJudgement;

/**
 * Labelled bursts judged as the service judges an upload: each burst's frames examined by the
 * service's {@link PhotoExaminer}, then {@link SessionJudge#uploadBurst} on a session of that one
 * challenge with nothing else in it (so no baseline from other photos, no replay history).
 */
public final class BurstEvaluation {

    private BurstEvaluation() {
    }

    /**
     * How one burst fared.
     *
     * @param reason why it was refused, or null when accepted
     * @param detail what the judge said, or why the frames could not be read
     */
    public record Judged(BurstFolder.Entry entry, boolean accepted, FailureReason reason, String detail) {
    }

    /** Accepted of all, for one (challenge, label). */
    public record Count(int accepted, int total, Map<String, Integer> reasons) {

        public double acceptRate() {
            return total == 0 ? Double.NaN : (double) accepted / total;
        }
    }

    public static List<Judged> judge(BurstFolder folder, PhotoExaminer examiner, SessionJudge judge) {
        List<Judged> out = new ArrayList<>();
        for (BurstFolder.Entry e : folder.bursts()) {
            List<Examination> frames = new ArrayList<>();
            try {
                for (Path frame : e.frames()) {
                    frames.add(examiner.examine(Files.readAllBytes(frame)));
                }
                SessionSoFar session = new SessionSoFar(List.of(new SessionSoFar.Challenge("c1", e.challenge(), 0, null)), null);
                UploadJudgement j = judge.uploadBurst(session, "c1", new Burst(frames, e.timesMs(), e.light()), List.of());
                out.add(new Judged(e, j.accepted(), j.accepted() ? null : j.outcome().failureReason(), j.outcome().detail()));
            } catch (ImageException | IllegalArgumentException ex) {
                out.add(new Judged(e, false, null, "not judged: " + ex.getMessage()));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    /** Counts by label, then challenge: {@code label → challenge → count}. */
    public static Map<String, Map<String, Count>> summary(List<Judged> judged) {
        Map<String, Map<String, List<Judged>>> groups = new TreeMap<>();
        for (Judged j : judged) {
            groups.computeIfAbsent(j.entry().label(), k -> new TreeMap<>())
                    .computeIfAbsent(j.entry().challenge().name(), k -> new ArrayList<>()).add(j);
        }
        Map<String, Map<String, Count>> out = new LinkedHashMap<>();
        groups.forEach((label, byChallenge) -> {
            Map<String, Count> counts = new LinkedHashMap<>();
            byChallenge.forEach((challenge, list) -> {
                Map<String, Integer> reasons = new TreeMap<>();
                list.stream().filter(j -> !j.accepted())
                        .forEach(j -> reasons.merge(j.reason() == null ? "NOT_JUDGED" : j.reason().name(), 1, Integer::sum));
                counts.put(challenge, new Count((int) list.stream().filter(Judged::accepted).count(), list.size(), reasons));
            });
            out.put(label, counts);
        });
        return out;
    }
}
