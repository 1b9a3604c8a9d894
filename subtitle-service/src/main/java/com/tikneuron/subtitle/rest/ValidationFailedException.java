package com.tikneuron.subtitle.rest;

import java.util.List;
import java.util.Map;

/** Request fields that failed validation, with the public contract's messages per field. */
public class ValidationFailedException extends RuntimeException {

    private final Map<String, List<String>> errors;

    public ValidationFailedException(Map<String, List<String>> errors) {
        super("The given data was invalid.", null, false, false);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
