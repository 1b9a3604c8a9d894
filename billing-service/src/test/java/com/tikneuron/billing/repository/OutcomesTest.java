package com.tikneuron.billing.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Each outcome the SQL functions answer reads as its own constant, and a word this version does not know fails. */
class OutcomesTest {

    private static final String[] UNKNOWN = { "", "CREATED", "Applied", "captured", "pending", null };

    @Test
    void everyOutcomeReadsBackFromItsWordAndNoOtherWordReads() {
        readsBack(HoldOutcome.class);
        readsBack(SettlementOutcome.class);
        readsBack(AdjustmentOutcome.class);
        readsBack(RefundOutcome.class);
    }

    @Test
    void anUnknownWordFailsNamingTheOutcomeAndTheWord() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> SqlOutcome.read(HoldOutcome.class, "reserved"));

        assertEquals("billing SQL answered an unknown HoldOutcome: reserved", failure.getMessage());
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

    private static <E extends Enum<E> & SqlOutcome> void readsBack(Class<E> outcomes) {
        E[] constants = outcomes.getEnumConstants();
        for (E outcome : constants) {
            assertEquals(outcome, SqlOutcome.read(outcomes, outcome.sql()));
        }
        assertEquals(constants.length, Arrays.stream(constants).map(SqlOutcome::sql).distinct().count(),
                outcomes.getSimpleName() + " gives each word to one outcome only");
        for (String unknown : UNKNOWN) {
            assertThrows(IllegalStateException.class, () -> SqlOutcome.read(outcomes, unknown), String.valueOf(unknown));
        }
    }
}
