package com.tikneuron.diarization.service;

import com.tikneuron.paid.InternalApiException;

/**
 * A transcription that did not happen, with the internal API's status and error code: {@code no_speech},
 * {@code language_not_supported}, {@code processing_failed} (422), {@code service_unavailable} (503), or
 * {@code not_transcribed} (404, only when a caller asks for a cached transcript).
 */
public class TranscriptionFailedException extends InternalApiException {

    public static final String NO_SPEECH = "no_speech";
    public static final String LANGUAGE_NOT_SUPPORTED = "language_not_supported";
    public static final String PROCESSING_FAILED = "processing_failed";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String NOT_TRANSCRIBED = "not_transcribed";

    public TranscriptionFailedException(int status, String errorCode, String message) {
        super(status, errorCode, message);
    }
}
