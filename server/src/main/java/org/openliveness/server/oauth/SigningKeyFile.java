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
 * Where the token-signing key comes from, kept like the photo key: {@code openliveness.oauth.signing-key}
 * when set, otherwise {@code <data-dir>/oauth-signing.key}, generated on first start (base64 of 32
 * random bytes, owner-only) and read on every later start. Instances sharing a database must share
 * the key (set it, or share the data directory), or tokens issued by one are refused by another.
 * Two processes starting together on a fresh data dir end up with one key: the file is published
 * by a hard link, which fails when the name is taken, and the loser reads the winner's.
 */
final class SigningKeyFile {

    static final String FILE_NAME = "oauth-signing.key";
    static final int MIN_KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);

    private SigningKeyFile() {}

    static SecretKey resolve(String configuredKey, Path dataDir, SecureRandom random) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return decode(configuredKey, "openliveness.oauth.signing-key");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            GeneratedKeyFile.Secret secret = GeneratedKeyFile.readOrCreate(file, MIN_KEY_BYTES, random);
            if (secret.created()) {
                log.info("Generated the access-token signing key in {}.", file.toAbsolutePath());
            }
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
