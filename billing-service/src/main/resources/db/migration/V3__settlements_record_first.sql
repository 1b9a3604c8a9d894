-- Settlements record their event before anything else, saving a lookup per event; a concurrent second delivery
-- of one event now waits for the first and reports a duplicate. Same outcomes as V1 otherwise.

-- Applies one settlement event at most once. The hold's own amount is used, never the event's.
-- Outcomes: applied, duplicate, late (hold already captured, voided or expired), unknown_hold, mismatch.
CREATE OR REPLACE FUNCTION apply_settlement(p_event_id text, p_type text, p_hold_id text, p_account_id uuid, p_reason text)
RETURNS TABLE (outcome text, capability text, amount bigint, mode text)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_hold holds%ROWTYPE;
    v_outcome text;
BEGIN
    -- Recorded first: a second delivery of the same event, even one running concurrently, stops here.
    INSERT INTO processed_events (event_id, type, hold_id, account_id, outcome)
    VALUES (p_event_id, p_type, p_hold_id, p_account_id, 'applied')
    ON CONFLICT (event_id) DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'duplicate'::text, NULL::text, NULL::bigint, NULL::text;
        RETURN;
    END IF;

    SELECT * INTO v_hold FROM holds h WHERE h.id = p_hold_id FOR UPDATE;
    IF NOT FOUND THEN
        v_outcome := 'unknown_hold';
    ELSIF v_hold.account_id <> p_account_id THEN
        v_outcome := 'mismatch';
    ELSIF v_hold.status <> 'pending' THEN
        v_outcome := 'late';
    ELSE
        v_outcome := 'applied';
        IF p_type = 'hold.captured' THEN
            UPDATE holds h SET status = 'captured', settled_at = now(), reason = p_reason WHERE h.id = p_hold_id;
            IF v_hold.mode = 'live' THEN
                UPDATE accounts a
                   SET reserved = a.reserved - v_hold.amount, captured = a.captured + v_hold.amount, updated_at = now()
                 WHERE a.id = v_hold.account_id;
                INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability, reason)
                VALUES (v_hold.account_id, 'capture', v_hold.amount, v_hold.id, v_hold.capability, p_reason);
            END IF;
        ELSE
            UPDATE holds h SET status = 'voided', settled_at = now(), reason = p_reason WHERE h.id = p_hold_id;
            IF v_hold.mode = 'live' THEN
                UPDATE accounts a
                   SET reserved = a.reserved - v_hold.amount, available = a.available + v_hold.amount, updated_at = now()
                 WHERE a.id = v_hold.account_id;
                INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability, reason)
                VALUES (v_hold.account_id, 'void', v_hold.amount, v_hold.id, v_hold.capability, p_reason);
            END IF;
        END IF;
    END IF;

    IF v_outcome <> 'applied' THEN
        UPDATE processed_events e SET outcome = v_outcome WHERE e.event_id = p_event_id;
    END IF;

    RETURN QUERY SELECT v_outcome, v_hold.capability, v_hold.amount, v_hold.mode;
END
$$;
