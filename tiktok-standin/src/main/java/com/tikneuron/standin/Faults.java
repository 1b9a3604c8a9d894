package com.tikneuron.standin;

import java.util.concurrent.ThreadLocalRandom;

/** Faults applied to every TikTok request: a delay before answering and a chance of closing without an answer. */
record Faults(long delayMs, double dropRate) {

    static final Faults NONE = new Faults(0, 0);

    Faults {
        if (delayMs < 0 || delayMs > 600_000) {
            throw new IllegalArgumentException("delay_ms must be between 0 and 600000");
        }
        if (Double.isNaN(dropRate) || dropRate < 0 || dropRate > 1) {
            throw new IllegalArgumentException("drop_rate must be between 0 and 1");
        }
    }

    boolean drops() {
        return dropRate > 0 && ThreadLocalRandom.current().nextDouble() < dropRate;
    }

    String json() {
        return "{\"delay_ms\":" + delayMs + ",\"drop_rate\":" + dropRate + "}";
    }
}
