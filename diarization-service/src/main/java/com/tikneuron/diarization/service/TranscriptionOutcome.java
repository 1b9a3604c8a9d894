package com.tikneuron.diarization.service;

import com.tikneuron.diarization.speech.Transcript;

/** A transcription answered: from the cache (or another request's work) or freshly made for this request. */
public record TranscriptionOutcome(String videoId, String engineId, Transcript transcript, boolean cached) {
}
