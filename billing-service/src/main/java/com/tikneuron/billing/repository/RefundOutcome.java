package com.tikneuron.billing.repository;

/** What {@code billing.refund_call} did to one hold of the call. */
public enum RefundOutcome {
    /** It was pending and is now voided. */
    VOIDED("voided"),
    /** It was captured and is now refunded. */
    REFUNDED("refunded"),
    /** It was already voided, expired or refunded: nothing to do. */
    SETTLED("settled");

    private final String sql;

    RefundOutcome(String sql) {
        this.sql = sql;
    }

    /** The word the function answers, also the {@code outcome} tag of the refunds metric. */
    public String sql() {
        return sql;
    }

    /** Reads the function's answer; an outcome this version does not know is a failure, never a guess. */
    public static RefundOutcome fromSql(String value) {
        return switch (value) {
            case "voided" -> VOIDED;
            case "refunded" -> REFUNDED;
            case "settled" -> SETTLED;
            case null, default -> throw new IllegalStateException("refund_call answered an unknown outcome: " + value);
        };
    }
}
