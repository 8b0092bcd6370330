package org.openliveness.devkit.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledFolderTest {

    @TempDir
    Path dir;

    @Test
    void readsLabelsAndPairsByColumnName() throws Exception {
        Files.writeString(dir.resolve("LABELS.csv"), "label,file,extra\nsmile,a.jpg,x\nneutral,b.jpg,\n");
        Files.writeString(dir.resolve("pairs.csv"), "file_a,file_b,same,source\na.jpg,c.jpg,1,m\nb.jpg,c.jpg,0,m\n");
        LabelledFolder folder = LabelledFolder.read(dir);
        assertEquals(List.of(new LabelledFolder.Labelled("a.jpg", "smile", "x"), new LabelledFolder.Labelled("b.jpg", "neutral")),
                folder.labels());
        assertEquals(2, folder.pairs().size());
        assertTrue(folder.pairs().get(0).same());
        assertEquals(List.of("a.jpg", "b.jpg", "c.jpg"), folder.files());
        assertTrue(LabelTask.SMILE.appliesTo(folder.distinctLabels()));
        assertTrue(!LabelTask.EYES_CLOSED.appliesTo(folder.distinctLabels()));
    }

    @Test
    void readsKeyValueItemsOfTheExtraColumnAndTheMadeUpMarker() throws Exception {
        Files.writeString(dir.resolve("LABELS.csv"), "file,label,extra\na.jpg,spoof,subject=s01; attack=print\nb.jpg,real,\n");
        LabelledFolder folder = LabelledFolder.read(dir);
        assertEquals("s01", folder.labels().get(0).extra("subject"));
        assertEquals("print", folder.labels().get(0).extra("attack"));
        assertEquals("", folder.labels().get(0).extra("missing"));
        assertEquals("", folder.labels().get(1).extra("subject"));
        assertTrue(!folder.madeUp());
        Files.writeString(dir.resolve(LabelledFolder.MADE_UP_MARKER), "");
        assertTrue(LabelledFolder.read(dir).madeUp());
    }

    @Test
    void theExtraColumnIsOptional() throws Exception {
        Files.writeString(dir.resolve("LABELS.csv"), "file,label\na.jpg,smile\n");
        assertEquals(List.of(new LabelledFolder.Labelled("a.jpg", "smile", "")), LabelledFolder.read(dir).labels());
    }

    @Test
    void namesTheProblemInABadFolder() throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> LabelledFolder.read(dir));
        assertTrue(none.getMessage().contains("neither LABELS.csv, pairs.csv nor BURSTS.csv"), none.getMessage());
        Files.writeString(dir.resolve("LABELS.csv"), "file,category\na.jpg,smile\n");
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> LabelledFolder.read(dir));
        assertTrue(column.getMessage().contains("missing column 'label'"), column.getMessage());
        Files.writeString(dir.resolve("LABELS.csv"), "file,label\na.jpg,smile\nb.jpg\n");
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class, () -> LabelledFolder.read(dir));
        assertTrue(row.getMessage().contains("line 3"), row.getMessage());
    }
}
