package com.tikneuron.paid;

import java.util.List;
import java.util.Map;

/** The request body broke the public contract; answered with the contract's 422 validation body. */
public class InvalidRequestException extends RuntimeException {

    private final transient Map<String, List<String>> errors;

    public InvalidRequestException(Map<String, List<String>> errors) {
        super("The given data was invalid.");
        this.errors = errors;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
