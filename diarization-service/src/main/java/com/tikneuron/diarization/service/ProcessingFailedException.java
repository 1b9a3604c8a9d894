package com.tikneuron.diarization.service;

/** The video could not be diarized; answered as processing_failed and never charged. */
public class ProcessingFailedException extends RuntimeException {

    private final Integer creditsRemaining;

    public ProcessingFailedException(String reason, Integer creditsRemaining) {
        super(reason);
        this.creditsRemaining = creditsRemaining;
    }

    /** The reason shown after "Failed to process video: ". */
    public String reason() {
        return getMessage();
    }

    /** Available credits reported by the hold, when one was made. */
    public Integer creditsRemaining() {
        return creditsRemaining;
    }
}
