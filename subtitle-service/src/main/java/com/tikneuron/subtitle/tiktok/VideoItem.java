package com.tikneuron.subtitle.tiktok;

import java.time.Instant;
import java.util.List;

/**
 * What we read from a video page; every field TikTok may omit is null (or an empty list) rather than an error.
 * {@code images} are a photo post's slides in order (the first URL of each {@code imagePost.images[].imageURL.urlList});
 * they are signed and expire, so they are used only from the page just fetched.
 */
public record VideoItem(
        String videoId,
        String authorUniqueId,
        String authorNickname,
        String description,
        List<String> hashtags,
        String musicTitle,
        String musicAuthor,
        Long plays,
        Long likes,
        Long comments,
        Long shares,
        Long saves,
        Integer durationSeconds,
        Instant createdAt,
        boolean photoPost,
        List<CaptionTrack> captions,
        List<MediaSource> media,
        List<String> images) {
}
