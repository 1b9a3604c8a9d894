package com.tikneuron.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where a key is read from in a request, and the digest under which billing knows it. */
public final class ApiKeys {

    /** The seed contract's header. */
    public static final String HEADER = "API-KEY";

    private static final String BEARER = "bearer ";

    // Real keys are short; anything longer is refused before hashing so odd headers cost nothing.
    private static final int MAX_LENGTH = 256;

    private ApiKeys() {
    }

    /** The key sent by the caller (API-KEY header first, then Authorization: Bearer), or null when there is none usable. */
    public static String extract(String apiKeyHeader, String authorizationHeader) {
        String key = apiKeyHeader;
        if (key == null && authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            key = authorizationHeader.substring(BEARER.length());
        }
        if (key == null) {
            return null;
        }
        key = key.strip();
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return null;
        }
        return key;
    }

    /** Lowercase hex SHA-256 of the whole key: the only form in which a key leaves the gateway. */
    public static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
