package com.tikneuron.paid;

/** The video could not be processed; answered as 422 processing_failed and never charged. */
public class ProcessingFailedException extends RuntimeException {

    private final Integer creditsRemaining;

    public ProcessingFailedException(String reason) {
        this(reason, null);
    }

    public ProcessingFailedException(String reason, Integer creditsRemaining) {
        super(reason);
        this.creditsRemaining = creditsRemaining;
    }

    /** The reason shown after "Failed to process video: ", and the void's reason when a hold was made. */
    public String reason() {
        return getMessage();
    }

    /** Available credits reported by the hold, when one was made. */
    public Integer creditsRemaining() {
        return creditsRemaining;
    }
}
