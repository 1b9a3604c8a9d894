package com.tikneuron.subtitle.tiktok;

import java.util.List;
import java.util.Map;

/** A complete, size-capped response; redirects are returned as they are, never followed. */
public record FetchedResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header (names are compared case-insensitively), or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    public boolean isRedirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
