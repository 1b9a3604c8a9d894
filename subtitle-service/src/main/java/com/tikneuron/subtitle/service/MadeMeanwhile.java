package com.tikneuron.subtitle.service;

/**
 * What this request held credits to make (a transcript, a reading) was made by another request meanwhile and came
 * back from the cache of the service that makes it: the hold is voided and the request is answered free, as cached.
 */
final class MadeMeanwhile extends RuntimeException {

    private final transient Object made;

    MadeMeanwhile(Object made) {
        super("Made by another request meanwhile: answered from the cache", null, false, false);
        this.made = made;
    }

    @SuppressWarnings("unchecked")
    <T> T made() {
        return (T) made;
    }
}
