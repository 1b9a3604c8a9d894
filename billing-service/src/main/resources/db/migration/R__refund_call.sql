-- Settles, in the customer's favour, the holds of one call the gateway answered with a failure (the service died
-- after capturing, its answer never arrived in time, or it answered 5xx). A hold matches only when all three agree:
--   * its request_id is the call id: the gateway's own unguessable X-Call-Id, never a value the client chose;
--   * it belongs to the account named, so a call id of one account can never move another account's credits;
--   * it was created within the window: the gateway reports a failure seconds after the call, so an old hold is
--     never the one meant, and a call id that leaked later cannot undo charges long settled.
-- A pending hold is voided, a captured one refunded by a new ledger entry; a capture that arrives later finds its
-- hold settled and is recorded as late (an expired one is marked with the refund's reason, so no late capture
-- charges it). Calling it again changes nothing.
-- The call itself is remembered (refunded_calls), also when it has no hold yet: its capability call may still be
-- running and make its hold after this, and create_hold refuses that hold. The advisory lock pairs with the shared
-- one create_hold takes for the same account and call, so a hold being made right now is either committed before
-- the holds are read here (and settled) or made after the call is recorded (and refused), never neither.
-- Outcomes per hold: voided (was pending), refunded (was captured), settled (already voided, expired or refunded).
CREATE OR REPLACE FUNCTION refund_call(p_account_id uuid, p_call_id text, p_reason text, p_window interval)
RETURNS TABLE (hold_id text, outcome text, amount bigint, capability text, mode text)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_hold holds%ROWTYPE;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_account_id::text || '/' || p_call_id, 0));
    INSERT INTO refunded_calls (account_id, call_id, reason)
    SELECT a.id, p_call_id, p_reason FROM accounts a WHERE a.id = p_account_id
    ON CONFLICT DO NOTHING;

    FOR v_hold IN SELECT * FROM holds h
                   WHERE h.request_id = p_call_id
                     AND h.account_id = p_account_id
                     AND h.created_at > now() - p_window
                   ORDER BY h.id FOR UPDATE LOOP
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
            IF v_hold.status = 'expired' AND v_hold.reason = 'expired' THEN
                -- Expired already (its credits went back): the reason marks it so a late capture never charges it.
                UPDATE holds h SET reason = p_reason WHERE h.id = v_hold.id;
            END IF;
            RETURN QUERY SELECT v_hold.id, 'settled'::text, v_hold.amount, v_hold.capability, v_hold.mode;
        END IF;
    END LOOP;
END
$$;
