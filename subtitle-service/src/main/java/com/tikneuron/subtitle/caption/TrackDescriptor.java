package com.tikneuron.subtitle.caption;

/** What identifies a caption track apart from its (expiring) URLs; this is what the cache keys tracks by. */
public record TrackDescriptor(String language, String source, String format, boolean original) {
}
