package com.tikneuron.summary.engine;

/** An engine could not produce a summary; the message is safe to show to the customer. */
public class SummaryFailedException extends RuntimeException {

    public SummaryFailedException(String message) {
        super(message);
    }
}
