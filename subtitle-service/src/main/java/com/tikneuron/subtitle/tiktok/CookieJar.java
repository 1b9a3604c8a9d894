package com.tikneuron.subtitle.tiktok;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The cookies of one video job: what TikTok's page set (tt_chain_token, ttwid, the challenge answer) goes back on
 * every later request of the same job, which the CDN checks. Never shared between jobs.
 */
public final class CookieJar {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");
    private static final int MAX_COOKIES = 50;
    private static final int MAX_VALUE = 4096;

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Takes the name and value of each Set-Cookie header; attributes do not matter inside one short job. */
    public synchronized void store(List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            String pair = header.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean expired = header.toLowerCase().contains("max-age=0");
            if (!NAME.matcher(name).matches() || value.length() > MAX_VALUE || value.contains(";")) {
                continue;
            }
            if (expired) {
                cookies.remove(name);
            } else if (cookies.size() < MAX_COOKIES || cookies.containsKey(name)) {
                cookies.put(name, value);
            }
        }
    }

    public synchronized void put(String name, String value) {
        cookies.put(name, value);
    }

    /** The Cookie header for the next request, or null when the jar is empty. */
    public synchronized String header() {
        if (cookies.isEmpty()) {
            return null;
        }
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }
}
