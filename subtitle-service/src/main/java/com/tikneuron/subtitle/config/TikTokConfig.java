package com.tikneuron.subtitle.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How this service talks to TikTok: the optional stand-in origin, browser headers, and every size and time limit. */
@ConfigMapping(prefix = "tikneuron.tiktok")
public interface TikTokConfig {

    /** When set, every TikTok request goes to this origin (scheme://host:port) with the real host in X-Forwarded-Host. */
    Optional<String> origin();

    String userAgent();

    String acceptLanguage();

    Duration connectTimeout();

    /** Whole-request limit for pages, short links and captions. */
    Duration requestTimeout();

    /** Whole-request limit for media downloads, which are larger. */
    Duration mediaTimeout();

    long maxPageBytes();

    long maxCaptionBytes();

    long maxMediaBytes();

    int maxRedirects();

    /** Largest answer tried when solving the bot challenge; TikTok's stay below a million. */
    int challengeMaxIterations();

    /** How long a short link's target is remembered. */
    Duration shortLinkTtl();

    int shortLinkCacheSize();
}
