package com.tikneuron.subtitle.service;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.caption.TrackDescriptor;
import com.tikneuron.subtitle.config.CaptionCacheConfig;

/**
 * Subtitles as rendered for callers, remembered per track and format. A stored track never changes, and rendering
 * (rolling-cue collapsing above all) costs far more than the cache lookup that serves a hit, so each rendering is
 * done once per replica. The track's bytes are part of the key, so a re-fetched track can never be served stale.
 */
@ApplicationScoped
public class RenderedSubtitles {

    private record Key(String videoId, TrackDescriptor track, SubtitleFormat format, int length, int contentHash) {
    }

    private final SubtitleRenderer renderer;
    private final Cache<Key, String> rendered;

    public RenderedSubtitles(SubtitleRenderer renderer, CaptionCacheConfig config) {
        this.renderer = renderer;
        this.rendered = Caffeine.newBuilder()
                .maximumWeight(config.renderedMaxChars())
                .<Key, String>weigher((key, text) -> text.length())
                .build();
    }

    public String render(String videoId, TrackDescriptor track, byte[] content, SubtitleFormat format) {
        Key key = new Key(videoId, track, format, content.length, Arrays.hashCode(content));
        return rendered.get(key, ignored -> renderer.render(content, track.format(), format));
    }
}
