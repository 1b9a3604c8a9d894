package com.tikneuron.gateway.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Idempotency records in memory, bounded in bytes per account and for all accounts together. An account over
 * its own bound loses its own oldest records; the global bound (oldest record first) only comes into play when
 * many accounts are near theirs, so one account's large replies never push out another account's records.
 *
 * @param <V> what is stored; records are told apart by identity, so a later equal-looking value never matches
 */
final class IdempotencyRecords<V> {

    private final long maxBytes;
    private final long maxBytesPerAccount;
    private final long ttlNanos;
    private final LongSupplier nanoClock;

    // Both in write order: the head of each is the oldest record, the first to expire or to give way.
    private final LinkedHashMap<Scope, Slot<V>> all = new LinkedHashMap<>();
    private final Map<String, Account<V>> accounts = new HashMap<>();
    private long bytes;

    IdempotencyRecords(long maxBytes, long maxBytesPerAccount, Duration ttl, LongSupplier nanoClock) {
        this.maxBytes = maxBytes;
        // An account alone must never reach the global bound, or it could push others out after all.
        this.maxBytesPerAccount = Math.min(maxBytesPerAccount, maxBytes);
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Stores the value unless the account already holds a live record under this key; returns that record's value. */
    synchronized V putIfAbsent(String account, String key, V value, long weight) {
        long now = nanoClock.getAsLong();
        expire(now);
        Slot<V> existing = all.get(new Scope(account, key));
        if (existing != null) {
            return existing.value();
        }
        if (weight <= maxBytesPerAccount) {
            store(new Slot<>(new Scope(account, key), value, weight, now));
        }
        return null;
    }

    /**
     * Replaces the record if it still holds expected (the very same object); false when it is gone, or when the
     * new value alone exceeds the account's bound (then the record is dropped, so a retry runs again).
     */
    synchronized boolean replace(String account, String key, V expected, V value, long weight) {
        Scope scope = new Scope(account, key);
        Slot<V> current = all.get(scope);
        if (current == null || current.value() != expected) {
            return false;
        }
        drop(current);
        if (weight > maxBytesPerAccount) {
            return false;
        }
        store(new Slot<>(scope, value, weight, nanoClock.getAsLong()));
        return true;
    }

    /** Removes the record if it still holds expected (the very same object). */
    synchronized void remove(String account, String key, V expected) {
        Slot<V> current = all.get(new Scope(account, key));
        if (current != null && current.value() == expected) {
            drop(current);
        }
    }

    /** The live record's value, or null. */
    synchronized V get(String account, String key) {
        expire(nanoClock.getAsLong());
        Slot<V> slot = all.get(new Scope(account, key));
        return slot == null ? null : slot.value();
    }

    /** Bytes held for one account. */
    synchronized long bytesOf(String account) {
        Account<V> held = accounts.get(account);
        return held == null ? 0 : held.bytes;
    }

    /** Bytes held for all accounts. */
    synchronized long bytes() {
        return bytes;
    }

    private void store(Slot<V> slot) {
        Account<V> account = accounts.computeIfAbsent(slot.scope().account(), ignored -> new Account<>());
        all.put(slot.scope(), slot);
        account.slots.put(slot.scope().key(), slot);
        account.bytes += slot.weight();
        bytes += slot.weight();
        // The new record fits the account's bound on its own, so these loops stop before reaching it.
        while (account.bytes > maxBytesPerAccount) {
            drop(account.slots.values().iterator().next());
        }
        while (bytes > maxBytes) {
            drop(all.values().iterator().next());
        }
    }

    private void expire(long now) {
        Iterator<Slot<V>> oldest = all.values().iterator();
        while (oldest.hasNext()) {
            Slot<V> slot = oldest.next();
            if (now - slot.writtenAt() < ttlNanos) {
                return;
            }
            oldest.remove();
            forget(slot);
        }
    }

    private void drop(Slot<V> slot) {
        all.remove(slot.scope());
        forget(slot);
    }

    private void forget(Slot<V> slot) {
        Account<V> account = accounts.get(slot.scope().account());
        account.slots.remove(slot.scope().key());
        account.bytes -= slot.weight();
        bytes -= slot.weight();
        if (account.slots.isEmpty()) {
            accounts.remove(slot.scope().account());
        }
    }

    private record Scope(String account, String key) {
    }

    private record Slot<V>(Scope scope, V value, long weight, long writtenAt) {
    }

    private static final class Account<V> {

        private final LinkedHashMap<String, Slot<V>> slots = new LinkedHashMap<>();
        private long bytes;
    }
}
