package com.tikneuron.subtitle.service;

import com.tikneuron.paid.Caller;
import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.tiktok.TikTokUrl;

/**
 * A validated public subtitle request and who pays for it (the {@link Caller} the gateway named: account, key mode,
 * call id, correlation id). {@code transcriptMode} says whether TikTok's tracks, our speech recognition, or the first
 * source that has words may answer.
 */
public record SubtitleRequest(TikTokUrl url, SubtitleFormat format, String language, TranscriptMode transcriptMode,
        Caller caller) {
}
