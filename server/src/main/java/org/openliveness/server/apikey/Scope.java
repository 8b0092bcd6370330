package org.openliveness.server.apikey;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. Written in lowercase on the command line and in the database. */
public enum Scope {
    /** Create liveness sessions, read their results, erase a user's data. */
    LIVENESS,
    /** Face match and identity verification. */
    IDENTITY,
    /** Read the audit log. */
    AUDIT,
    /** Administer the tenant. */
    ADMIN;

    /** {@code liveness}, {@code identity}, {@code audit} or {@code admin}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One scope from its lowercase name (surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming the valid scopes
     */
    public static Scope parse(String text) {
        String wanted = text == null ? "" : text.strip();
        for (Scope scope : values()) {
            if (scope.value().equals(wanted)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + wanted + "'; expected one or more of " + allValues());
    }

    /**
     * A comma-separated list such as {@code liveness,audit}; at least one scope.
     *
     * @throws IllegalArgumentException for an unknown or empty entry, or an empty list
     */
    public static Set<Scope> parseList(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new IllegalArgumentException("no scope given; expected one or more of " + allValues());
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String part : commaSeparated.split(",", -1)) {
            scopes.add(parse(part));
        }
        return Collections.unmodifiableSet(scopes);
    }

    /** {@code liveness,identity} for a set of scopes, in declaration order. */
    public static String format(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::value).collect(Collectors.joining(","));
    }

    private static String allValues() {
        return Arrays.stream(values()).map(Scope::value).collect(Collectors.joining(","));
    }
}
