package org.openliveness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.ImageAnalysis;

/** The JSON form of an analysis, one object per input file (the {@code analyze --json} format). */
final class AnalysisJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AnalysisJson() {}

    /**
     * @param passiveMinLive the passive check's threshold shown with each face's live probability
     */
    static ObjectNode of(String file, ImageAnalysis analysis, boolean landmarks, double passiveMinLive) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("file", file);
        root.put("width", analysis.width());
        root.put("height", analysis.height());
        root.put("format", analysis.format().name());
        root.put("orientation", analysis.orientation());
        root.put("scale", analysis.scale());
        ArrayNode faces = root.putArray("faces");
        analysis.faces().forEach(f -> faces.add(face(f, landmarks, passiveMinLive)));
        ObjectNode timings = root.putObject("timingsMs");
        analysis.timingsMs().forEach((stage, ms) -> timings.put(stage, round(ms, 2)));
        return root;
    }

    static ObjectNode error(String file, String code, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("file", file);
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root;
    }

    static ObjectNode face(FaceAnalysis f, boolean withLandmarks, double passiveMinLive) {
        ObjectNode face = MAPPER.createObjectNode();
        ObjectNode box = face.putObject("box");
        box.put("x", round(f.box().x(), 1));
        box.put("y", round(f.box().y(), 1));
        box.put("width", round(f.box().width(), 1));
        box.put("height", round(f.box().height(), 1));
        face.put("score", round(f.score(), 4));
        face.put("meshScore", round(f.meshScore(), 4));
        ObjectNode pose = face.putObject("pose");
        pose.put("yaw", round(f.pose().yawDegrees(), 2));
        pose.put("pitch", round(f.pose().pitchDegrees(), 2));
        pose.put("roll", round(f.pose().rollDegrees(), 2));
        ObjectNode eyes = face.putObject("eyes");
        eyes.put("left", round(f.eyes().left(), 4));
        eyes.put("right", round(f.eyes().right(), 4));
        eyes.put("leftRatio", round(f.eyes().leftRatio(), 4));
        eyes.put("rightRatio", round(f.eyes().rightRatio(), 4));
        ObjectNode mouth = face.putObject("mouth");
        mouth.put("openness", round(f.mouthOpenness(), 4));
        mouth.put("ratio", round(f.mouthRatio(), 4));
        face.put("smile", round(f.smile(), 4));
        ObjectNode quality = face.putObject("quality");
        quality.put("faceSize", round(f.quality().faceSize(), 1));
        quality.put("brightness", round(f.quality().brightness(), 2));
        quality.put("contrast", round(f.quality().contrast(), 2));
        quality.put("sharpness", round(f.quality().sharpness(), 2));
        if (f.antiSpoof() != null) {
            ObjectNode spoof = face.putObject("antiSpoof");
            spoof.put("model", f.antiSpoof().model());
            spoof.put("live", round(f.antiSpoof().live(), 6));
            spoof.put("threshold", passiveMinLive);
            spoof.put("spoof", f.antiSpoof().live() < passiveMinLive);
        }
        if (f.legacyAntiSpoof() != null) {
            ObjectNode legacy = face.putObject("legacyAntiSpoof");
            legacy.put("score", round(f.legacyAntiSpoof().score(), 4));
            legacy.put("antispoof", round(f.legacyAntiSpoof().antispoof(), 4));
            legacy.put("liveness", round(f.legacyAntiSpoof().liveness(), 4));
            legacy.put("evidence", false);
        }
        ObjectNode embedding = face.putObject("embedding");
        embedding.put("model", f.embedding().model());
        ArrayNode vector = embedding.putArray("vector");
        for (float v : f.embedding().vector()) {
            vector.add(round(v, 6));
        }
        if (withLandmarks) {
            ArrayNode points = face.putArray("landmarks");
            for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
                ArrayNode p = points.addArray();
                p.add(round(f.landmarks()[3 * i], 2)).add(round(f.landmarks()[3 * i + 1], 2)).add(round(f.landmarks()[3 * i + 2], 2));
            }
        }
        return face;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
