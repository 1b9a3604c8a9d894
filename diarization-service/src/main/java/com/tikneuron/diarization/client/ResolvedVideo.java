package com.tikneuron.diarization.client;

/** A TikTok URL resolved by subtitle-service to its video id. */
public record ResolvedVideo(String videoId, String canonicalUrl) {
}
