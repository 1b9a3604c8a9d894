package com.tikneuron.diarization.rest;

import java.util.List;

/** The public success body. */
public record DiarizationResponse(String videoId, String transcriptionContent, String format, boolean cached,
        List<String> availableFormats) {
}
