package com.tikneuron.platform;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

/** Request ids: the header that carries them, the log key that shows them, and how an incoming one is vetted. */
public final class RequestIds {

    /** Header accepted from callers, echoed on every response and sent on every downstream call. */
    public static final String HEADER = "X-Request-Id";

    /** MDC key, so every log line written while serving a request names it. */
    public static final String MDC_KEY = "requestId";

    // A caller's id is echoed into headers and logs: anything outside this shape could inject lines or headers.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The caller's id when it is safe to echo, otherwise a fresh one. */
    public static String acceptOrCreate(String candidate) {
        if (candidate != null && SAFE.matcher(candidate).matches()) {
            return candidate;
        }
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The id of the request being served on this context, or null outside a request. */
    public static String current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? null : value.toString();
    }
}
