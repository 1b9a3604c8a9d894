package com.tikneuron.paid;

/**
 * What a paid request ended with: the value (from the cache, from an identical request that did the work, or from
 * this request's own work), whether it was free, the credits charged and, after a hold, the account's credits.
 */
public record Settled<V>(V value, boolean cached, int creditsCharged, Integer creditsRemaining) {

    static <V> Settled<V> free(V value) {
        return new Settled<>(value, true, 0, null);
    }
}
