package com.tikneuron.diarization.repository;

import com.tikneuron.diarization.speech.Transcript;

/** A cached transcription: the video, the speech engine that made it and what it heard. */
public record StoredTranscription(String videoId, String engineId, Transcript transcript) {
}
