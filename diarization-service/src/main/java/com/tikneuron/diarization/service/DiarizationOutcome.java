package com.tikneuron.diarization.service;

import com.tikneuron.diarization.transcript.TranscriptFormat;

/** The answer to a diarization request: the rendered transcript and what it cost. */
public record DiarizationOutcome(String videoId, String content, TranscriptFormat format, boolean cached,
        int creditsCharged, Integer creditsRemaining) {
}
