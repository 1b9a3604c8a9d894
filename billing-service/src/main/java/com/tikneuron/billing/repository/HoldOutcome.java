package com.tikneuron.billing.repository;

/** What {@code billing.create_hold} decided about a hold request. */
public enum HoldOutcome implements SqlOutcome {
    /** A new hold: its credits are reserved now. */
    CREATED("created"),
    /** The hold id was used before with the same account, amount and mode: the existing hold, nothing reserved. */
    REPLAYED("replayed"),
    /** The hold id was used before with other parameters. */
    CONFLICT("conflict"),
    /** The account cannot pay the amount; nothing was reserved. */
    INSUFFICIENT_CREDITS("insufficient_credits"),
    /** No such account. */
    UNKNOWN_ACCOUNT("unknown_account"),
    /** The call was refunded already (its caller was told it failed): no hold is made for it any more. */
    CALL_REFUNDED("call_refunded");

    private final String sql;

    HoldOutcome(String sql) {
        this.sql = sql;
    }

    /** The word the function answers, also the {@code outcome} tag of the holds metric. */
    @Override
    public String sql() {
        return sql;
    }
}
