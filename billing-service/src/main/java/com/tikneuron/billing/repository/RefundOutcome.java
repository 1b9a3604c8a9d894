package com.tikneuron.billing.repository;

/** What {@code billing.refund_call} did to one hold of the call. */
public enum RefundOutcome implements SqlOutcome {
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
    @Override
    public String sql() {
        return sql;
    }
}
