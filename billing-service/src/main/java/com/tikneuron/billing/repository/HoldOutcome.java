package com.tikneuron.billing.repository;

/** What {@code billing.create_hold} decided about a hold request. */
public enum HoldOutcome {
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
    public String sql() {
        return sql;
    }

    /** Reads the function's answer; an outcome this version does not know is a failure, never a guess. */
    public static HoldOutcome fromSql(String value) {
        return switch (value) {
            case "created" -> CREATED;
            case "replayed" -> REPLAYED;
            case "conflict" -> CONFLICT;
            case "insufficient_credits" -> INSUFFICIENT_CREDITS;
            case "unknown_account" -> UNKNOWN_ACCOUNT;
            case "call_refunded" -> CALL_REFUNDED;
            case null, default -> throw new IllegalStateException("create_hold answered an unknown outcome: " + value);
        };
    }
}
