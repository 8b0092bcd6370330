package org.openliveness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation as one self-contained HTML page: every chart is inline SVG, there are no scripts,
 * style sheets or images from elsewhere, so the file can be mailed or archived as it is.
 */
final class EvaluationReport {

    /**
     * One evaluated folder.
     *
     * @param name     its name in the report
     * @param path     where it was read from
     * @param madeUp   whether it declares its photos made up
     * @param photos   how many photos it names
     * @param failures the photos that could not be analysed
     */
    record Dataset(String name, Path path, boolean madeUp, int photos, List<EvaluateCommand.Outcome> failures) {}

    private EvaluationReport() {}

    static void write(Path html, String command, String date, String embeddingModel, List<Dataset> datasets,
                      List<TaskResult> results, String suggestionsYaml) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>OpenLiveness evaluation</title>\n");
        b.append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px;color:#222}"
                + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right;font-size:13px}"
                + "th{background:#f3f3f3}td.l,th.l{text-align:left}.madeup{background:#fde2c8;color:#7a3a00;padding:1px 6px;"
                + "border-radius:3px;font-size:12px;font-weight:bold}.note{background:#f6f6e8;border-left:4px solid #b8b800;padding:.5em 1em}"
                + "pre{background:#f5f5f5;padding:.7em;overflow-x:auto;font-size:12px}.charts svg{margin-right:6px;border:1px solid #eee}"
                + "</style></head><body>\n");
        b.append("<h1>OpenLiveness evaluation</h1>\n");
        b.append("<p>").append(escape(date)).append(" &middot; embedding model <code>").append(escape(embeddingModel))
                .append("</code><br><code>").append(escape(command)).append("</code></p>\n");
        b.append("<div class=\"note\"><ul>")
                .append("<li><span class=\"madeup\">made-up</span> marks every figure from a folder holding a <code>MADE-UP</code> ")
                .append("file: rendered or simulated photos, not captures. They test the code and the renderer together and ")
                .append("say little about real captures, least of all about real presentation attacks.</li>")
                .append("<li>The presentation-attack model's live probability votes in the verdict (the median over a session's ")
                .append("photos against <code>passiveMinLive</code>); the figures here are per photo, at that threshold. Every photo ")
                .append("of a folder without attacks counts as bona fide (<code>passive_bona_fide</code>). APCER is reported per ")
                .append("attack set: figures on simulated attacks say little about real ones.</li>")
                .append("<li>A photo that could not be analysed is never dropped: it is never accepted, so it counts as a ")
                .append("false reject in a positive class and a correct reject in a negative class. Every such photo is listed below.</li>")
                .append("<li>Expressions are judged on the photo alone (the absolute threshold); head-pose challenges by ")
                .append("<code>LivenessJudge.judge</code> against the mean of the same subject's other frontal photos.</li>")
                .append("</ul></div>\n");

        b.append("<h2>Summary</h2>\n<table><tr><th class=\"l\">dataset</th><th class=\"l\">task</th><th>n</th><th>AUC</th>")
                .append("<th class=\"l\">at the configured threshold</th><th>failures</th></tr>\n");
        for (TaskResult r : results) {
            b.append("<tr><td class=\"l\">").append(escape(r.dataset())).append(r.madeUp() ? " <span class=\"madeup\">made-up</span>" : "")
                    .append("</td><td class=\"l\"><a href=\"#").append(anchor(r)).append("\">").append(escape(r.task()))
                    .append("</a></td><td>").append(r.json().path("n").asInt()).append("</td><td>")
                    .append(r.ranking() == null ? "–" : fmt(r.json().path("auc").asDouble(), 3)).append("</td><td class=\"l\">").append(escape(headline(r)))
                    .append("</td><td>").append(r.json().path("failures").asInt()).append("</td></tr>\n");
        }
        b.append("</table>\n");

        if (suggestionsYaml != null) {
            b.append("<h2>Suggested thresholds</h2>\n<pre>").append(escape(suggestionsYaml)).append("</pre>\n");
        }

        for (Dataset d : datasets) {
            b.append("<h2 id=\"ds-").append(escape(d.name())).append("\">").append(escape(d.name()))
                    .append(d.madeUp() ? " <span class=\"madeup\">made-up</span>" : "").append("</h2>\n");
            b.append("<p><code>").append(escape(d.path().toString())).append("</code> &middot; ").append(d.photos())
                    .append(" photos &middot; ").append(d.failures().size()).append(" could not be analysed</p>\n");
            for (TaskResult r : results) {
                if (!r.dataset().equals(d.name())) {
                    continue;
                }
                b.append("<h3 id=\"").append(anchor(r)).append("\">").append(escape(r.task())).append(" <small>(")
                        .append(escape(r.kind())).append(")</small>").append(r.madeUp() ? " <span class=\"madeup\">made-up</span>" : "")
                        .append("</h3>\n");
                b.append("<p>").append(escape(headline(r))).append("<br><small>ranked by ").append(escape(r.rankingLabel()))
                        .append("; red: the configured threshold (circle on the curves, line in the histogram)</small></p>\n");
                b.append("<div class=\"charts\">");
                if (r.ranking() != null) {
                    b.append(Charts.roc(r.ranking(), r.markerFar(), r.markerTar()))
                            .append(Charts.det(r.ranking(), r.markerFar(), 1 - r.markerTar()));
                }
                b.append(Charts.histogram(r.histogram())).append("</div>\n");
                b.append("<details><summary>all figures (metrics.json entry)</summary><pre>").append(escape(pretty(r))).append("</pre></details>\n");
            }
            if (!d.failures().isEmpty()) {
                b.append("<h3>Photos that could not be analysed</h3>\n<table><tr><th class=\"l\">file</th><th class=\"l\">kind</th>")
                        .append("<th class=\"l\">reason</th></tr>\n");
                for (EvaluateCommand.Outcome o : d.failures()) {
                    b.append("<tr><td class=\"l\">").append(escape(o.file())).append("</td><td class=\"l\">").append(escape(o.kind()))
                            .append("</td><td class=\"l\">").append(escape(o.failure())).append("</td></tr>\n");
                }
                b.append("</table>\n");
            }
        }
        b.append("</body></html>\n");
        Files.writeString(html, b.toString(), StandardCharsets.UTF_8);
    }

    /** The task's main figures at the configured threshold, in one line. */
    static String headline(TaskResult r) {
        var j = r.json();
        return switch (r.kind()) {
            case "expression" -> String.format(Locale.ROOT, "%s: accepts %.1f%% of %s, %.1f%% of %s",
                    j.path("rule").asText(), 100 * j.path("atThreshold").path("trueAcceptRate").asDouble(),
                    j.path("positive").asText(), 100 * j.path("atThreshold").path("falseAcceptRate").asDouble(),
                    j.path("negative").asText());
            case "challenge" -> String.format(Locale.ROOT, "%s at %s %.1f: accepts %.1f%% of performed, %.1f%% of other pose "
                            + "photos (%.1f%% of frontal)", j.path("challenge").asText(), j.path("parameter").asText(),
                    j.path("threshold").asDouble(), 100 * j.path("acceptRateOfPerformed").asDouble(),
                    100 * j.path("falseAcceptRateOfOthers").asDouble(), 100 * j.path("falseAcceptRateOfFrontal").asDouble());
            case "attack" -> String.format(Locale.ROOT, "%s live probability at passiveMinLive %s: APCER %.1f%%, BPCER %.1f%%, "
                            + "ACER %.1f%%; BPCER %.1f%% at APCER %.1f%%", j.path("model").asText(), j.path("threshold").asText(),
                    100 * j.path("apcer").asDouble(), 100 * j.path("bpcer").asDouble(),
                    100 * j.path("acer").asDouble(), 100 * j.path("bpcerAtApcer1").path("bpcer").asDouble(),
                    100 * j.path("bpcerAtApcer1").path("apcer").asDouble());
            case "bonafide" -> String.format(Locale.ROOT, "%s live probability at passiveMinLive %s: %d of %d bona fide photos flagged "
                            + "(BPCER %.1f%%)", j.path("model").asText(), j.path("threshold").asText(), j.path("flagged").asInt(),
                    j.path("analysed").asInt(), 100 * j.path("bpcer").asDouble());
            default -> String.format(Locale.ROOT, "TAR %.1f%% at FAR 1%% (%s), %.1f%% at FAR 0.1%% (%s); faceMatch %s: TAR %.1f%%, FAR %.2f%%",
                    100 * j.path("tarAtFar1").path("trueAcceptRate").asDouble(), j.path("tarAtFar1").path("threshold").asText(),
                    100 * j.path("tarAtFar01").path("trueAcceptRate").asDouble(), j.path("tarAtFar01").path("threshold").asText(),
                    j.path("atThreshold").path("faceMatch").path("threshold").asText(),
                    100 * j.path("atThreshold").path("faceMatch").path("trueAcceptRate").asDouble(),
                    100 * j.path("atThreshold").path("faceMatch").path("falseAcceptRate").asDouble());
        };
    }

    private static String pretty(TaskResult r) {
        try {
            return AnalysisJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r.json());
        } catch (JsonProcessingException e) {
            return r.json().toString();
        }
    }

    private static String anchor(TaskResult r) {
        return escape(r.dataset() + "-" + r.task()).replace(' ', '_');
    }

    private static String fmt(double v, int decimals) {
        return Charts.fmt(v, decimals);
    }

    /** Escapes text for HTML content and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
