package com.tikneuron.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TikTok's proof-of-work bot challenge: the page carries base64 JSON whose {@code v.a} is a salt and {@code v.c}
 * a SHA-256 digest; the client finds {@code i} with {@code sha256(salt + i) == c}, writes {@code d = base64(i)}
 * back and stores the re-encoded JSON in the cookie named by the page.
 */
final class Challenge {

    static final String COOKIE = "_wafchallengeid";
    private static final Pattern ANSWER = Pattern.compile("\"d\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");
    private static final Pattern SALT = Pattern.compile("\"a\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

    private final byte[] salt = new byte[16];
    private final int answer;

    Challenge() {
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        // Real challenges land anywhere below 1,000,000; a mid-range answer keeps clients honest and tests fast.
        answer = 20_000 + random.nextInt(60_000);
    }

    String page() {
        String json = "{\"v\":{\"a\":\"" + b64(salt) + "\",\"b\":\"sha256\",\"c\":\"" + b64(digest(answer)) + "\"},"
                + "\"s\":\"" + b64("stand-in".getBytes(StandardCharsets.UTF_8)) + "\"}";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Please wait...</title></head><body>"
                + "<div id=\"wci\" class=\"" + COOKIE + "\"></div>"
                + "<div id=\"cs\" class=\"" + b64(json.getBytes(StandardCharsets.UTF_8)) + "\"></div>"
                + "<script>/* challenge solver */</script></body></html>";
    }

    /** Whether the request's cookies carry a correct answer to this challenge. */
    boolean accepts(String cookieHeader) {
        for (String part : cookieHeader.split(";")) {
            String pair = part.trim();
            if (pair.startsWith(COOKIE + "=")) {
                try {
                    String json = new String(Base64.getDecoder().decode(pair.substring(COOKIE.length() + 1)), StandardCharsets.UTF_8);
                    Matcher d = ANSWER.matcher(json);
                    Matcher a = SALT.matcher(json);
                    if (d.find() && a.find() && a.group(1).equals(b64(salt))) {
                        String value = new String(Base64.getDecoder().decode(d.group(1)), StandardCharsets.UTF_8);
                        return value.equals(Integer.toString(answer));
                    }
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private byte[] digest(int candidate) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(Integer.toString(candidate).getBytes(StandardCharsets.US_ASCII));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
