package com.tikneuron.billing.account;

import java.util.Optional;

/** Live keys spend credits; test keys run everything but never reserve or charge. */
public enum KeyMode {
    LIVE, TEST;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<KeyMode> fromWire(String value) {
        if ("live".equals(value)) {
            return Optional.of(LIVE);
        }
        if ("test".equals(value)) {
            return Optional.of(TEST);
        }
        return Optional.empty();
    }
}
