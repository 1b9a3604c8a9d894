package com.tikneuron.billing.repository;

/** What {@code billing.adjust_credits} decided about a grant or a correction. */
public enum AdjustmentOutcome implements SqlOutcome {
    /** The credits were added (or removed) and written to the ledger. */
    APPLIED("applied"),
    /** The correction would have taken the balance below zero; nothing changed. */
    BELOW_ZERO("below_zero"),
    /** No such account. */
    UNKNOWN_ACCOUNT("unknown_account");

    private final String sql;

    AdjustmentOutcome(String sql) {
        this.sql = sql;
    }

    /** The word the function answers. */
    @Override
    public String sql() {
        return sql;
    }
}
