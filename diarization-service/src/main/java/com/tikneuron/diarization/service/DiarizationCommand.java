package com.tikneuron.diarization.service;

import com.tikneuron.diarization.engine.SpeakerHints;
import com.tikneuron.paid.Caller;
import com.tikneuron.diarization.transcript.TranscriptFormat;

/** A validated diarization request. */
public record DiarizationCommand(String url, TranscriptFormat format, SpeakerHints hints, Caller caller) {
}
