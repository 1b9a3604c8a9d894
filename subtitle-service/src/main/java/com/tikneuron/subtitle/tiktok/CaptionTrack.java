package com.tikneuron.subtitle.tiktok;

import java.util.List;
import java.util.Objects;

import com.tikneuron.subtitle.caption.TrackDescriptor;

/**
 * One caption track a video lists. {@code source} is TikTok's: ASR (speech recognition of the original audio),
 * MT (machine translation of it), LC (creator captions). {@code original} marks the spoken-language track.
 */
public record CaptionTrack(String language, String source, String format, boolean original, List<String> urls) {

    public static final String WEBVTT = "webvtt";
    public static final String CREATOR_CAPTION = "creator_caption";

    /** Whether we can download and read this track. */
    public boolean usable() {
        return language != null && !urls.isEmpty() && (WEBVTT.equals(format) || CREATOR_CAPTION.equals(format));
    }

    public TrackDescriptor descriptor() {
        return new TrackDescriptor(language, source == null ? "" : source, format, original);
    }

    boolean sameTrack(CaptionTrack other) {
        return Objects.equals(language, other.language) && Objects.equals(format, other.format);
    }
}
