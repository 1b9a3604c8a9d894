package com.tikneuron.billing.repository;

/**
 * What became of one settlement event: {@code billing.apply_settlements} for hold events,
 * {@code billing.record_cached_use} for free uses (applied, duplicate or mismatch). Stored as well in
 * {@code processed_events.outcome}, all but {@link #DUPLICATE}.
 */
public enum SettlementOutcome implements SqlOutcome {
    /** The event settled its hold (or recorded its free use). */
    APPLIED("applied"),
    /** The event was received before: nothing changed. */
    DUPLICATE("duplicate"),
    /** The hold was settled already (captured, voided, expired or refunded, or by an earlier event of the batch). */
    LATE("late"),
    /** No such hold. */
    UNKNOWN_HOLD("unknown_hold"),
    /** The hold, or the free use, is not of the account the event names. */
    MISMATCH("mismatch"),
    /** A capture that found its hold expired and still charged the account. */
    LATE_CAPTURED("late_captured"),
    /** A capture that found its hold expired on an account that could no longer pay: the work went unpaid. */
    WRITTEN_OFF("written_off");

    private final String sql;

    SettlementOutcome(String sql) {
        this.sql = sql;
    }

    /** The word the functions answer, also the {@code outcome} tag of the settlement and credit metrics. */
    @Override
    public String sql() {
        return sql;
    }
}
