package com.tikneuron.subtitle.tiktok;

import java.util.List;

/** Where a video's media can be downloaded from, best choice first for a speech pipeline. */
public record MediaSource(String contentType, List<String> urls) {
}
