package com.tikneuron.subtitle.rest;

/**
 * The public request body: {@code url} required, {@code format} raw|srt|vtt|txt (default raw), {@code language}
 * optional (a hint to the speech engine when the subtitles are generated), {@code mode} native|generate|auto
 * (default native).
 */
public record SubtitleBody(String url, String format, String language, String mode) {
}
