package com.tikneuron.diarization.rest;

import java.util.List;

import com.tikneuron.diarization.engine.Word;
import com.tikneuron.diarization.speech.TranscriptSegment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of POST /internal/v1/videos/{id}/transcription (contracts/speech-internal-api.yaml). */
@RegisterForReflection(targets = {Word.class, TranscriptSegment.class})
public record TranscriptionResponse(String videoId, String engine, String language, double duration, boolean cached,
        String text, List<Word> words, List<TranscriptSegment> segments) {
}
