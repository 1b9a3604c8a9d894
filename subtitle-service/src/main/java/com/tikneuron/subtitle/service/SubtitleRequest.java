package com.tikneuron.subtitle.service;

import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.tiktok.TikTokUrl;

/**
 * A validated public subtitle request and who pays for it. {@code test} keys are held in mode "test" and never charged;
 * {@code callId} keys the hold and the settlement events (their {@code request_id}); {@code correlationId}, the
 * caller's X-Request-Id, goes with them for the customer's usage history only. {@code transcriptMode} says whether
 * TikTok's tracks, our speech recognition, or the first of them that has words may answer.
 */
public record SubtitleRequest(TikTokUrl url, SubtitleFormat format, String language, TranscriptMode transcriptMode,
        String accountId, boolean test, String callId, String correlationId) {

    public String mode() {
        return test ? "test" : "live";
    }
}
