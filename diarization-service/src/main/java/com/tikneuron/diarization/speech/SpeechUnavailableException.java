package com.tikneuron.diarization.speech;

/** The remote speech engine is unreachable, overloaded or failing; another try later may work. */
public class SpeechUnavailableException extends RuntimeException {

    public SpeechUnavailableException(String message) {
        super(message);
    }
}
