package com.tikneuron.subtitle.caption;

import java.util.List;
import java.util.Optional;

/** Chooses a track: the original spoken-language one by default (an MT track may be listed first), or the requested language. */
public final class CaptionSelector {

    private CaptionSelector() {
    }

    public static Optional<TrackDescriptor> select(List<TrackDescriptor> tracks, String language) {
        List<TrackDescriptor> candidates = tracks.stream()
                .filter(t -> language == null || LanguageCodes.matches(language, t.language()))
                .toList();
        return candidates.stream().filter(TrackDescriptor::original).findFirst()
                .or(() -> candidates.stream().filter(t -> "ASR".equalsIgnoreCase(t.source())).findFirst())
                .or(() -> candidates.stream().findFirst());
    }

    /** The distinct languages a caller can ask for, in TikTok's order. */
    public static List<String> languages(List<TrackDescriptor> tracks) {
        return tracks.stream().map(TrackDescriptor::language).distinct().toList();
    }
}
