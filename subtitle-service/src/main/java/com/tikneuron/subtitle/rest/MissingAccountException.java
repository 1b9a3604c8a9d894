package com.tikneuron.subtitle.rest;

/** A public call arrived without the gateway's account header: it did not come through authentication. */
public class MissingAccountException extends RuntimeException {

    public MissingAccountException() {
        super("Invalid API Key", null, false, false);
    }
}
