package com.tikneuron.subtitle.rest;

/** The public request body: {@code url} required, {@code format} raw|srt|vtt|txt (default raw), {@code language} optional. */
public record SubtitleBody(String url, String format, String language) {
}
