package com.tikneuron.subtitle.caption;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What identifies a caption track apart from its (expiring) URLs; this is what the cache keys tracks by. */
@RegisterForReflection
public record TrackDescriptor(String language, String source, String format, boolean original) {
}
