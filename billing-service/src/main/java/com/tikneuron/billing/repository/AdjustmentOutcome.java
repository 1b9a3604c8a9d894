package com.tikneuron.billing.repository;

/** What {@code billing.adjust_credits} decided about a grant or a correction. */
public enum AdjustmentOutcome {
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
    public String sql() {
        return sql;
    }

    /** Reads the function's answer; an outcome this version does not know is a failure, never a guess. */
    public static AdjustmentOutcome fromSql(String value) {
        return switch (value) {
            case "applied" -> APPLIED;
            case "below_zero" -> BELOW_ZERO;
            case "unknown_account" -> UNKNOWN_ACCOUNT;
            case null, default -> throw new IllegalStateException(
                    "adjust_credits answered an unknown outcome: " + value);
        };
    }
}
