package com.tikneuron.summary.client;

import java.util.List;

/**
 * What subtitle-service knows about a video; any part may be null when TikTok leaves it out. {@code images} are a
 * photo post's slides (signed, short-lived URLs: used right away).
 */
public record VideoMetadata(String videoId, Author author, String description, List<String> hashtags, Music music,
        Stats stats, Integer durationSeconds, List<CaptionTrack> captions, Boolean photoPost, List<String> images) {

    /** A slideshow with slides to read. */
    public boolean isPhotoPost() {
        return Boolean.TRUE.equals(photoPost) && images != null && !images.isEmpty();
    }

    /** The creator. */
    public record Author(String uniqueId, String nickname) {
    }

    /** The sound used by the video. */
    public record Music(String title, String author) {
    }

    /** Engagement counters. */
    public record Stats(Long plays, Long likes, Long comments, Long shares, Long saves) {
    }

    /** One caption track TikTok offers for the video. */
    public record CaptionTrack(String language, String source, String format) {
    }
}
