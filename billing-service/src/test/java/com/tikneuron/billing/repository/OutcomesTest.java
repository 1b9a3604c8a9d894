package com.tikneuron.billing.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Each outcome the SQL functions answer reads as its own constant, and a word this version does not know fails. */
class OutcomesTest {

    private static final String[] UNKNOWN = { "", "CREATED", "Applied", "captured", "pending", null };

    @Test
    void everyOutcomeReadsBackFromItsWordAndNoOtherWordReads() {
        readsBack(HoldOutcome.values(), HoldOutcome::sql, HoldOutcome::fromSql);
        readsBack(SettlementOutcome.values(), SettlementOutcome::sql, SettlementOutcome::fromSql);
        readsBack(AdjustmentOutcome.values(), AdjustmentOutcome::sql, AdjustmentOutcome::fromSql);
        readsBack(RefundOutcome.values(), RefundOutcome::sql, RefundOutcome::fromSql);
    }

    @Test
    void theWordsAreThoseTheFunctionsAnswerAndTheMetricsTag() {
        assertEquals("insufficient_credits", HoldOutcome.INSUFFICIENT_CREDITS.sql());
        assertEquals("call_refunded", HoldOutcome.CALL_REFUNDED.sql());
        assertEquals("written_off", SettlementOutcome.WRITTEN_OFF.sql());
        assertEquals("late_captured", SettlementOutcome.LATE_CAPTURED.sql());
        assertEquals("below_zero", AdjustmentOutcome.BELOW_ZERO.sql());
        assertEquals("refunded", RefundOutcome.REFUNDED.sql());
    }

    private static <E> void readsBack(E[] outcomes, Function<E, String> word, Function<String, E> reader) {
        for (E outcome : outcomes) {
            assertEquals(outcome, reader.apply(word.apply(outcome)));
        }
        for (String unknown : UNKNOWN) {
            assertThrows(IllegalStateException.class, () -> reader.apply(unknown), String.valueOf(unknown));
        }
    }
}
