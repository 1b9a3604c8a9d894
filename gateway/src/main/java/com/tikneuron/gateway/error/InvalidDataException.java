package com.tikneuron.gateway.error;

import java.util.List;
import java.util.Map;

/** Request fields that break the contract, each with its messages, in the order the fields are reported. */
public class InvalidDataException extends RuntimeException {

    private final Map<String, List<String>> errors;

    public InvalidDataException(Map<String, List<String>> errors) {
        super("The given data was invalid.", null, false, false);
        this.errors = errors;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
