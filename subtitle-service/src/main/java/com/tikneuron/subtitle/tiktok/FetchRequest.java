package com.tikneuron.subtitle.tiktok;

import java.time.Duration;
import java.util.Map;

/** One outbound TikTok request: where, what may be fetched there, extra headers, the job's cookies and the limits. */
public record FetchRequest(String url, Kind kind, String method, Map<String, String> headers, CookieJar jar,
        long maxBytes, Duration timeout) {

    /** Which part of the allow-list the URL must be on. */
    public enum Kind {
        /** Pages and short links: only TikTok's own web hosts. */
        PAGE,
        /** Caption tracks and media: TikTok's web hosts and CDN domains. */
        CDN
    }
}
