package org.openliveness.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real photos the build copies from {@code @vladmandic/face-api}'s {@code demo/} folder
 * into {@code target/samples} (system property {@code openliveness.samples}).
 */
public final class Samples {

    private Samples() {}

    public static Path dir() {
        return Path.of(System.getProperty("openliveness.samples", "target/samples"));
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("sample photo " + name + " missing: build with Maven first", e);
        }
    }
}
