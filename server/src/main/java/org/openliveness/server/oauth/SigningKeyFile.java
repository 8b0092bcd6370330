package org.openliveness.server.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.storage.GeneratedKeyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the token-signing key comes from, under the photo key's rule: {@code openliveness.oauth.signing-key}
 * when set; otherwise, in dev mode only, {@code <data-dir>/oauth-signing.key}, generated on first
 * start (base64 of 32 random bytes, owner-only) and read on every later start. Outside dev mode an
 * unset key stops the service at start: a key beside the data would let a copy of the data directory
 * mint tokens. Instances sharing a database must share the key, or tokens issued by one are refused
 * by another. Two dev processes starting together on a fresh data dir end up with one key: the file
 * is published by a hard link, which fails when the name is taken, and the loser reads the winner's.
 */
final class SigningKeyFile {

    static final String FILE_NAME = "oauth-signing.key";
    static final int MIN_KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);

    private SigningKeyFile() {}

    /** What an operator is told when no signing key is configured outside dev mode. */
    static final String NO_KEY_CONFIGURED = "no access-token signing key is configured, and the profiles that take access"
            + " tokens (order-status, process) are on. Generate one, for example `openliveness keys generate` (base64 of 32"
            + " random bytes; keep it outside the data directory), and set openliveness.oauth.signing-key"
            + " (OPENLIVENESS_OAUTH_SIGNINGKEY) to it; every instance on one database needs the same key. Or switch both"
            + " profiles off (openliveness.profiles.order-status.enabled=false, openliveness.profiles.process.enabled=false),"
            + " or, on a development machine, start with `serve --dev` (openliveness.dev-mode=true) to generate one beside the data";

    /**
     * The configured key, or in dev mode the generated one.
     *
     * @throws IllegalStateException outside dev mode when no key is configured, or for a key that is not
     *                               base64 of at least {@value #MIN_KEY_BYTES} bytes
     */
    static SecretKey resolve(String configuredKey, Path dataDir, boolean devMode, SecureRandom random) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return decode(configuredKey, "openliveness.oauth.signing-key");
        }
        if (!devMode) {
            throw new IllegalStateException(NO_KEY_CONFIGURED);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            GeneratedKeyFile.Secret secret = GeneratedKeyFile.readOrCreate(file, MIN_KEY_BYTES, random);
            if (secret.created()) {
                log.info("Generated the access-token signing key in {}.", file.toAbsolutePath());
            }
            log.warn("Dev mode: the access-token signing key is {}, beside the data. Outside development configure"
                    + " openliveness.oauth.signing-key and start without --dev.", file.toAbsolutePath());
            return decode(secret.base64(), file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the access-token signing key " + file.toAbsolutePath(), e);
        }
    }

    /** Never puts the key text in a message. */
    static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64 (expected base64 of 32 random bytes)");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(source + " decodes to " + key.length + " bytes; an HMAC-SHA256 key needs at least "
                    + MIN_KEY_BYTES);
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
