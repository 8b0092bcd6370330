package org.openliveness.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as 64 lowercase hex characters: how secrets (API keys, tokens) and erased user ids are stored. */
public final class Sha256 {

    private Sha256() {}

    /** The SHA-256 of {@code text}'s UTF-8 bytes, as 64 lowercase hex characters. */
    public static String hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
