package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code openliveness analyze} as a user runs it. */
class AnalyzeCommandTest {

    private static final Path SAMPLES = Path.of(System.getProperty("openliveness.samples"));

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        int exit = cli.execute(args);
        return new Run(exit, out.toString());
    }

    @Test
    void jsonLinesHaveOneObjectPerFileWithEveryMeasureAndATypedErrorForABadFile(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.jpg");
        Files.writeString(text, "this is not a photo");
        Run run = run("analyze", "--json", SAMPLES.resolve("sample4.jpg").toString(), text.toString());

        assertEquals(1, run.exit(), "a file that cannot be analysed makes the exit status 1");
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());

        JsonNode photo = AnalysisJson.MAPPER.readTree(lines.get(0));
        assertTrue(photo.path("file").asText().endsWith("sample4.jpg"));
        assertEquals(1920, photo.path("width").asInt());
        assertEquals(4, photo.path("faces").size());
        JsonNode face = photo.path("faces").get(0);
        for (String field : List.of("box", "score", "pose", "eyes", "mouth", "smile", "quality", "antiSpoof", "embedding")) {
            assertTrue(face.has(field), "missing " + field);
        }
        for (String field : List.of("x", "y", "width", "height")) {
            assertTrue(face.path("box").path(field).isNumber(), field);
        }
        assertTrue(face.path("pose").path("yaw").isNumber() && face.path("pose").path("pitch").isNumber());
        assertEquals("faceapi-recognition", face.path("embedding").path("model").asText());
        assertEquals(128, face.path("embedding").path("vector").size());
        assertTrue(photo.path("timingsMs").path("total").asDouble() > 0);
        assertTrue(!photo.has("error"));

        JsonNode error = AnalysisJson.MAPPER.readTree(lines.get(1));
        assertEquals("UNSUPPORTED_FORMAT", error.path("error").path("code").asText());
        assertTrue(!error.has("faces"));
    }

    @Test
    void annotateWritesAPngOfThePhotoSize(@TempDir Path dir) throws Exception {
        Run run = run("analyze", "--annotate", dir.toString(), SAMPLES.resolve("sample2.jpg").toString());
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("3 faces"), run.out());
        var png = ImageIO.read(dir.resolve("sample2.annotated.png").toFile());
        assertEquals(1920, png.getWidth());
    }
}
