package com.tikneuron.subtitle.client;

import com.tikneuron.paid.UpstreamRejectedException;

/**
 * The speech service gave a definite "no" (contracts/speech-internal-api.yaml): {@code not_transcribed},
 * {@code no_speech}, {@code language_not_supported} or {@code processing_failed}. An answer, not an outage.
 */
public class SpeechRejectedException extends UpstreamRejectedException {

    public static final String NOT_TRANSCRIBED = "not_transcribed";
    public static final String NO_SPEECH = "no_speech";

    public SpeechRejectedException(int status, String errorCode, String message) {
        super(status, errorCode, message);
    }
}
