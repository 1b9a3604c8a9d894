package com.tikneuron.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Records are bounded per account and globally; an account over its bound only ever loses its own records. */
class IdempotencyRecordsTest {

    private final AtomicLong clock = new AtomicLong();
    private final IdempotencyRecords<String> records = new IdempotencyRecords<>(10_000, 4_000, Duration.ofHours(24),
            clock::get);

    @Test
    void anAccountWithLargeRepliesCannotEvictAnotherAccountsRecord() {
        String small = "small-reply";
        assertNull(records.putIfAbsent("small", "k1", small, 300));
        for (int i = 0; i < 100; i++) {
            records.putIfAbsent("large", "k" + i, "large-reply-" + i, 1_000);
        }

        assertSame(small, records.get("small", "k1"));
        assertEquals(4_000, records.bytesOf("large"));
        assertEquals("large-reply-99", records.get("large", "k99"), "the newest record of the large account is kept");
        assertNull(records.get("large", "k95"), "its oldest records went first");
    }

    @Test
    void anAccountOverItsBoundLosesItsOwnOldestRecordsFirst() {
        for (int i = 0; i < 4; i++) {
            records.putIfAbsent("a", "k" + i, "v" + i, 1_000);
        }
        records.putIfAbsent("a", "k4", "v4", 1_500);

        assertNull(records.get("a", "k0"));
        assertNull(records.get("a", "k1"));
        assertEquals("v2", records.get("a", "k2"));
        assertEquals("v4", records.get("a", "k4"));
        assertEquals(3_500, records.bytesOf("a"));
    }

    @Test
    void theGlobalBoundStillHoldsAcrossManyAccounts() {
        for (int account = 0; account < 5; account++) {
            for (int i = 0; i < 4; i++) {
                records.putIfAbsent("account-" + account, "k" + i, "v", 1_000);
            }
        }

        assertEquals(10_000, records.bytes());
        assertNull(records.get("account-0", "k0"), "the oldest record overall went first");
        assertEquals("v", records.get("account-4", "k3"));
    }

    @Test
    void aReplyLargerThanTheAccountBoundIsNotKeptAndRemovesNothingElse() {
        String running = "running";
        records.putIfAbsent("a", "small", "kept", 500);
        records.putIfAbsent("a", "huge", running, 300);

        assertFalse(records.replace("a", "huge", running, "huge-reply", 5_000));
        assertNull(records.get("a", "huge"));
        assertEquals("kept", records.get("a", "small"));
    }

    @Test
    void replaceAndRemoveMatchTheVeryRecordOnly() {
        String first = new String("running");
        String lookalike = new String("running");
        records.putIfAbsent("a", "k", first, 300);

        assertFalse(records.replace("a", "k", lookalike, "done", 400));
        records.remove("a", "k", lookalike);
        assertSame(first, records.get("a", "k"));
        assertTrue(records.replace("a", "k", first, "done", 400));
        assertEquals("done", records.get("a", "k"));
        assertEquals(400, records.bytesOf("a"));
    }

    @Test
    void recordsExpireAfterTheirTimeToLive() {
        records.putIfAbsent("a", "k", "v", 300);
        clock.addAndGet(Duration.ofHours(24).toNanos() - 1);
        assertEquals("v", records.get("a", "k"));

        clock.addAndGet(1);
        assertNull(records.get("a", "k"));
        assertEquals(0, records.bytes());
        assertNull(records.putIfAbsent("a", "k", "again", 300), "the key may be used again");
    }
}
