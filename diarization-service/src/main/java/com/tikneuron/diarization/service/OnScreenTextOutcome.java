package com.tikneuron.diarization.service;

import com.tikneuron.diarization.ocr.OnScreenText;

/** On-screen text answered: from the cache (or another request's reading) or read for this request. */
public record OnScreenTextOutcome(String videoId, String engineId, OnScreenText text, boolean cached) {
}
