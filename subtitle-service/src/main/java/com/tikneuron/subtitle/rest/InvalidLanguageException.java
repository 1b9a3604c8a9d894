package com.tikneuron.subtitle.rest;

/** A language parameter that is not a language code. */
public class InvalidLanguageException extends RuntimeException {

    public InvalidLanguageException() {
        super("Language must be a language code such as en or eng-US.", null, false, false);
    }
}
