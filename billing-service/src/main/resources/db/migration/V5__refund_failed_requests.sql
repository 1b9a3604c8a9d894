-- A request the gateway answered with a failure is never charged. The gateway reports such a request by its id
-- (a capability service died after capturing, its answer never arrived in time, or it answered 5xx); every hold
-- of that request is then settled in the customer's favour: a pending hold is voided, a captured one refunded
-- by a new ledger entry. A capture that arrives later finds its hold settled and is recorded as late.

ALTER TABLE holds DROP CONSTRAINT holds_status_check;
ALTER TABLE holds ADD CONSTRAINT holds_status_check
    CHECK (status IN ('pending', 'captured', 'voided', 'expired', 'refunded'));
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check
    CHECK (kind IN ('grant', 'adjustment', 'hold', 'capture', 'void', 'expire', 'refund'));

CREATE INDEX holds_request ON holds (request_id);

-- Settles every hold of one request in the customer's favour; calling it again changes nothing.
-- Outcomes per hold: voided (was pending), refunded (was captured), settled (already voided, expired or refunded).
CREATE FUNCTION refund_request(p_request_id text, p_reason text)
RETURNS TABLE (hold_id text, outcome text, amount bigint, capability text, mode text)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_hold holds%ROWTYPE;
BEGIN
    FOR v_hold IN SELECT * FROM holds h WHERE h.request_id = p_request_id ORDER BY h.id FOR UPDATE LOOP
        IF v_hold.status = 'pending' THEN
            UPDATE holds h SET status = 'voided', settled_at = now(), reason = p_reason WHERE h.id = v_hold.id;
            IF v_hold.mode = 'live' THEN
                UPDATE accounts a
                   SET reserved = a.reserved - v_hold.amount, available = a.available + v_hold.amount, updated_at = now()
                 WHERE a.id = v_hold.account_id;
                INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability, reason)
                VALUES (v_hold.account_id, 'void', v_hold.amount, v_hold.id, v_hold.capability, p_reason);
            END IF;
            RETURN QUERY SELECT v_hold.id, 'voided'::text, v_hold.amount, v_hold.capability, v_hold.mode;
        ELSIF v_hold.status = 'captured' THEN
            UPDATE holds h SET status = 'refunded', reason = p_reason WHERE h.id = v_hold.id;
            IF v_hold.mode = 'live' THEN
                UPDATE accounts a
                   SET captured = a.captured - v_hold.amount, available = a.available + v_hold.amount, updated_at = now()
                 WHERE a.id = v_hold.account_id;
                INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability, reason)
                VALUES (v_hold.account_id, 'refund', v_hold.amount, v_hold.id, v_hold.capability, p_reason);
            END IF;
            RETURN QUERY SELECT v_hold.id, 'refunded'::text, v_hold.amount, v_hold.capability, v_hold.mode;
        ELSE
            RETURN QUERY SELECT v_hold.id, 'settled'::text, v_hold.amount, v_hold.capability, v_hold.mode;
        END IF;
    END LOOP;
END
$$;

-- Refunds count against captures: granted − (captured − refunded) = available + reserved.
CREATE OR REPLACE VIEW invariant_violations AS
    SELECT a.id AS account_id
      FROM accounts a
      LEFT JOIN (
            SELECT l.account_id,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('grant', 'adjustment')), 0) AS granted,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind = 'capture'), 0)
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
