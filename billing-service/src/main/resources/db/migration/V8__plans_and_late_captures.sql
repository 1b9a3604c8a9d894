-- Plans and late captures.
--
-- Plans: each account may have its own request rate, burst and concurrent jobs; NULL means the default plan
-- (tikneuron.billing.plan-defaults.*). The gateway learns them from the key lookup.
--
-- Late captures: a capture that arrives after its hold expired (the settlement consumer lagged beyond the hold
-- TTL) used to be recorded as late and nothing more, so the customer had the work for free while the answer said
-- it was charged. Now it still charges the account when the account can pay: a 'late_capture' ledger entry,
-- counted in captured but not in reserved (the expiry already gave the reservation back). When the account
-- cannot pay, the hold stays expired and the event is recorded as written off, counted and alerted on.
-- A hold the gateway asked to refund (its call failed) after it expired is never captured late.

ALTER TABLE accounts ADD COLUMN plan_requests_per_minute integer CHECK (plan_requests_per_minute > 0);
ALTER TABLE accounts ADD COLUMN plan_burst integer CHECK (plan_burst > 0);
ALTER TABLE accounts ADD COLUMN plan_concurrent_jobs integer CHECK (plan_concurrent_jobs > 0);

ALTER TABLE holds ADD COLUMN late boolean NOT NULL DEFAULT false;

ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check
    CHECK (kind IN ('grant', 'adjustment', 'hold', 'capture', 'void', 'expire', 'refund', 'late_capture'));

ALTER TABLE processed_events DROP CONSTRAINT processed_events_outcome_check;
ALTER TABLE processed_events ADD CONSTRAINT processed_events_outcome_check
    CHECK (outcome IN ('applied', 'late', 'unknown_hold', 'mismatch', 'late_captured', 'written_off'));

-- The set-based batch of V4 keeps deciding every event as before; the wrapper below then gives each capture it
-- found late on an expired hold its second chance.
ALTER FUNCTION apply_settlements(text[], text[], text[], uuid[], text[]) RENAME TO apply_settlements_on_time;

-- Same arguments and rows as V4's apply_settlements; outcomes gain late_captured (charged after expiry) and
-- written_off (expired, and the account could not pay). Late captures are rare, so they are taken one by one,
-- in the batch's order, each against the balance the previous one left.
CREATE FUNCTION apply_settlements(p_event_ids text[], p_types text[], p_hold_ids text[], p_account_ids uuid[],
                                  p_reasons text[])
RETURNS TABLE (outcome text, capability text, amount bigint, mode text)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_row record;
    v_hold holds%ROWTYPE;
    v_outcome text;
BEGIN
    FOR v_row IN SELECT r.outcome, r.capability, r.amount, r.mode, r.ord
                   FROM apply_settlements_on_time(p_event_ids, p_types, p_hold_ids, p_account_ids, p_reasons)
                        WITH ORDINALITY AS r(outcome, capability, amount, mode, ord)
                  ORDER BY r.ord LOOP
        v_outcome := v_row.outcome;
        IF v_outcome = 'late' AND p_types[v_row.ord] = 'hold.captured' THEN
            SELECT * INTO v_hold FROM holds h WHERE h.id = p_hold_ids[v_row.ord] FOR UPDATE;
            IF FOUND AND v_hold.status = 'expired' AND v_hold.reason = 'expired'
                    AND v_hold.account_id = p_account_ids[v_row.ord] THEN
                IF v_hold.mode <> 'live' THEN
                    v_outcome := 'late_captured';
                ELSE
                    UPDATE accounts a
                       SET available = a.available - v_hold.amount, captured = a.captured + v_hold.amount,
                           updated_at = now()
                     WHERE a.id = v_hold.account_id AND a.available >= v_hold.amount;
                    v_outcome := CASE WHEN FOUND THEN 'late_captured' ELSE 'written_off' END;
                END IF;
                IF v_outcome = 'late_captured' THEN
                    UPDATE holds h SET status = 'captured', late = true, settled_at = now(),
                                       reason = p_reasons[v_row.ord]
                     WHERE h.id = v_hold.id;
                    IF v_hold.mode = 'live' THEN
                        INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability, reason)
                        VALUES (v_hold.account_id, 'late_capture', v_hold.amount, v_hold.id, v_hold.capability,
                                coalesce(p_reasons[v_row.ord], 'captured after the hold expired'));
                    END IF;
                ELSE
                    -- Marked so a redelivery or a later capture of the same hold is not tried again.
                    UPDATE holds h SET reason = 'written_off' WHERE h.id = v_hold.id;
                END IF;
                UPDATE processed_events e SET outcome = v_outcome WHERE e.event_id = p_event_ids[v_row.ord];
                v_row.capability := v_hold.capability;
                v_row.amount := v_hold.amount;
                v_row.mode := v_hold.mode;
            END IF;
        END IF;
        RETURN QUERY SELECT v_outcome, v_row.capability, v_row.amount, v_row.mode;
    END LOOP;
END
$$;

-- Late captures count as captures; they never touched reserved: granted − (captured − refunded) = available + reserved.
CREATE OR REPLACE VIEW invariant_violations AS
    SELECT a.id AS account_id
      FROM accounts a
      LEFT JOIN (
            SELECT l.account_id,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('grant', 'adjustment')), 0) AS granted,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('capture', 'late_capture')), 0)
                     - coalesce(sum(l.amount) FILTER (WHERE l.kind = 'refund'), 0) AS captured,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind = 'hold'), 0)
                     - coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('capture', 'void', 'expire')), 0) AS reserved
              FROM ledger_entries l GROUP BY l.account_id
      ) l ON l.account_id = a.id
     WHERE a.available < 0
        OR a.reserved < 0
        OR a.available + a.reserved <> a.granted - a.captured
        OR a.granted <> coalesce(l.granted, 0)
        OR a.captured <> coalesce(l.captured, 0)
        OR a.reserved <> coalesce(l.reserved, 0);
