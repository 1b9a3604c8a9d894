-- A refund remembers the call it named. A call the caller was told failed can still be running (a worker killed
-- mid-run, a gateway that gave up on a slow call): its hold may arrive after the refund, and capturing it would
-- charge for an answer nobody reads. create_hold refuses a hold whose call is recorded here (call_refunded).
-- Keyed like holds are matched by a refund: the account and the call id, so one account's refund never refuses
-- another account's call.
CREATE TABLE refunded_calls (
    account_id  uuid        NOT NULL REFERENCES accounts (id),
    call_id     text        NOT NULL,
    reason      text        NOT NULL,
    refunded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, call_id)
);
