package com.tikneuron.billing.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Each outcome the SQL functions answer reads as its own constant, and a word this version does not know fails. */
class OutcomesTest {

    @Test
    void everyHoldOutcomeReadsBackFromItsWord() {
        for (HoldOutcome outcome : HoldOutcome.values()) {
            assertEquals(outcome, HoldOutcome.fromSql(outcome.sql()));
        }
        assertEquals("insufficient_credits", HoldOutcome.INSUFFICIENT_CREDITS.sql());
        refuses(HoldOutcome::fromSql);
    }

    @Test
    void everySettlementOutcomeReadsBackFromItsWord() {
        for (SettlementOutcome outcome : SettlementOutcome.values()) {
            assertEquals(outcome, SettlementOutcome.fromSql(outcome.sql()));
        }
        assertEquals("written_off", SettlementOutcome.WRITTEN_OFF.sql());
        refuses(SettlementOutcome::fromSql);
    }

    @Test
    void everyAdjustmentOutcomeReadsBackFromItsWord() {
        for (AdjustmentOutcome outcome : AdjustmentOutcome.values()) {
            assertEquals(outcome, AdjustmentOutcome.fromSql(outcome.sql()));
        }
        assertEquals("below_zero", AdjustmentOutcome.BELOW_ZERO.sql());
        refuses(AdjustmentOutcome::fromSql);
    }

    @Test
    void everyRefundOutcomeReadsBackFromItsWord() {
        for (RefundOutcome outcome : RefundOutcome.values()) {
            assertEquals(outcome, RefundOutcome.fromSql(outcome.sql()));
        }
        assertEquals("refunded", RefundOutcome.REFUNDED.sql());
        refuses(RefundOutcome::fromSql);
    }

    private static void refuses(Function<String, ?> reader) {
        for (String unknown : new String[] { "", "CREATED", "Applied", "captured", "pending", null }) {
            assertThrows(IllegalStateException.class, () -> reader.apply(unknown), String.valueOf(unknown));
        }
    }
}
