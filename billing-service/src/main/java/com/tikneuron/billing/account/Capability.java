package com.tikneuron.billing.account;

import java.util.Set;

/** The paid capabilities, as named in holds, events and metrics. */
public final class Capability {

    public static final Set<String> ALL = Set.of("subtitle", "summary", "diarization");

    private Capability() {
    }

    public static boolean isKnown(String value) {
        return value != null && ALL.contains(value);
    }
}
