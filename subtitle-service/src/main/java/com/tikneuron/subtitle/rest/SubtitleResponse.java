package com.tikneuron.subtitle.rest;

import java.util.List;

/** The public answer: the seed's fields, plus the track's language and source and the languages on offer. */
public record SubtitleResponse(String videoId, String subtitleContent, String format, boolean cached, List<String> availableFormats,
        String language, String source, List<String> availableLanguages) {
}
