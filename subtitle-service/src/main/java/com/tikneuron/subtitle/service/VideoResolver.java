package com.tikneuron.subtitle.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.subtitle.config.TikTokConfig;
import com.tikneuron.subtitle.tiktok.TikTokClient;
import com.tikneuron.subtitle.tiktok.TikTokUrl;
import com.tikneuron.subtitle.tiktok.TikTokUrls;

import io.smallrye.mutiny.Uni;

/** Turns any accepted TikTok URL into a video id: offline for direct forms, by following (and remembering) short links. */
@ApplicationScoped
public class VideoResolver {

    private record Target(String videoId, Instant expires) {
    }

    private final TikTokClient tiktok;
    private final TikTokConfig config;
    private final Map<String, Target> shortLinks;

    public VideoResolver(TikTokClient tiktok, TikTokConfig config) {
        this.tiktok = tiktok;
        this.config = config;
        int capacity = config.shortLinkCacheSize();
        this.shortLinks = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Target> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Parses a caller's URL (throws {@code InvalidUrlException}) and resolves it to a video id. */
    public Uni<String> videoId(String url) {
        return videoId(TikTokUrls.parse(url));
    }

    public Uni<String> videoId(TikTokUrl url) {
        return switch (url) {
            case TikTokUrl.Video video -> Uni.createFrom().item(video.videoId());
            case TikTokUrl.ShortLink link -> {
                Target known = remembered(link.url());
                yield known != null
                        ? Uni.createFrom().item(known.videoId())
                        : tiktok.followShortLink(link.url()).invoke(id -> remember(link.url(), id));
            }
        };
    }

    private synchronized Target remembered(String link) {
        Target target = shortLinks.get(link);
        if (target != null && target.expires().isBefore(Instant.now())) {
            shortLinks.remove(link);
            return null;
        }
        return target;
    }

    private synchronized void remember(String link, String videoId) {
        shortLinks.put(link, new Target(videoId, Instant.now().plus(config.shortLinkTtl())));
    }
}
