-- Settlement events (hold.captured, hold.voided), a whole batch per call. The arrays are parallel: one element per
-- event. Each event is applied at most once, in the order given; one row per event comes back, in the same order.
-- The hold's own amount is used, never the event's.

-- The per-event function that the set-based batch replaced; no caller is left.
DROP FUNCTION IF EXISTS apply_settlement(text, text, text, uuid, text);

-- Decides every event of the batch in two set-based statements (one PL/pgSQL call per event was what bounded
-- settlements/s). Outcomes: applied, duplicate, late (hold already captured, voided or expired, or settled by an
-- earlier event of the batch), unknown_hold, mismatch.
CREATE OR REPLACE FUNCTION apply_settlements_on_time(p_event_ids text[], p_types text[], p_hold_ids text[],
                                                     p_account_ids uuid[], p_reasons text[])
RETURNS TABLE (outcome text, capability text, amount bigint, mode text)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_claimed text[];
BEGIN
    -- 1. Every event is recorded first. An event seen in an earlier batch, or earlier in this one, is not
    --    claimed and reports a duplicate; a second delivery running concurrently (a rebalance) waits here for
    --    the first transaction and then finds the event recorded.
    WITH batch AS (
        SELECT DISTINCT ON (b.event_id) b.event_id, b.type, b.hold_id, b.account_id, b.ord
          FROM unnest(p_event_ids, p_types, p_hold_ids, p_account_ids)
               WITH ORDINALITY AS b(event_id, type, hold_id, account_id, ord)
         ORDER BY b.event_id, b.ord
    ), claimed AS (
        INSERT INTO processed_events (event_id, type, hold_id, account_id, outcome)
        SELECT b.event_id, b.type, b.hold_id, b.account_id, 'applied' FROM batch b ORDER BY b.ord
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
    )
    SELECT coalesce(array_agg(c.event_id), '{}') INTO v_claimed FROM claimed c;

    -- 2. The claimed events meet their holds, locked. Per hold, the first claimed event that finds it pending
    --    and of its account settles it; later ones of the batch are late, as they would be one at a time.
    --    Balances change once per account, the ledger gets one entry per live hold settled, and events that
    --    did not apply get their outcome.
    RETURN QUERY
    WITH batch AS (
        SELECT b.event_id, b.type, b.hold_id, b.account_id, b.reason, b.ord,
               b.ord = min(b.ord) OVER (PARTITION BY b.event_id) AS first_of_event
          FROM unnest(p_event_ids, p_types, p_hold_ids, p_account_ids, p_reasons)
               WITH ORDINALITY AS b(event_id, type, hold_id, account_id, reason, ord)
    ), claimed AS (
        SELECT b.* FROM batch b WHERE b.first_of_event AND b.event_id = ANY (v_claimed)
    ), locked AS (
        SELECT h.id, h.account_id, h.amount, h.capability, h.mode, h.status
          FROM holds h
         WHERE h.id = ANY (ARRAY(SELECT c.hold_id FROM claimed c))
           FOR UPDATE
    ), matched AS (
        SELECT c.ord, c.event_id, c.type, c.hold_id, c.reason, l.account_id, l.amount, l.capability, l.mode,
               CASE WHEN l.id IS NULL THEN 'unknown_hold'
                    WHEN l.account_id <> c.account_id THEN 'mismatch'
                    WHEN l.status <> 'pending' THEN 'late'
               END AS refusal
          FROM claimed c LEFT JOIN locked l ON l.id = c.hold_id
    ), judged AS (
        SELECT m.*,
               coalesce(m.refusal,
                        CASE WHEN row_number() OVER (PARTITION BY m.hold_id, m.refusal ORDER BY m.ord) = 1
                             THEN 'applied' ELSE 'late' END) AS verdict
          FROM matched m
    ), settled AS (
        UPDATE holds h
           SET status = CASE WHEN j.type = 'hold.captured' THEN 'captured' ELSE 'voided' END,
               settled_at = now(), reason = j.reason
          FROM judged j
         WHERE j.verdict = 'applied' AND h.id = j.hold_id
        RETURNING h.id, h.account_id, h.amount, h.capability, h.mode, h.status, h.reason, j.ord
    ), per_account AS (
        SELECT s.account_id,
               coalesce(sum(s.amount) FILTER (WHERE s.status = 'captured'), 0) AS captured,
               coalesce(sum(s.amount) FILTER (WHERE s.status = 'voided'), 0) AS voided
          FROM settled s WHERE s.mode = 'live' GROUP BY s.account_id
    ), balanced AS (
        UPDATE accounts a
           SET reserved = a.reserved - p.captured - p.voided,
               captured = a.captured + p.captured,
               available = a.available + p.voided,
               updated_at = now()
          FROM per_account p WHERE a.id = p.account_id
        RETURNING a.id
    ), logged AS (
        INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability, reason)
        SELECT s.account_id, CASE WHEN s.status = 'captured' THEN 'capture' ELSE 'void' END, s.amount, s.id,
               s.capability, s.reason
          FROM settled s WHERE s.mode = 'live' ORDER BY s.ord
        RETURNING 1
    ), refused AS (
        UPDATE processed_events e SET outcome = j.verdict
          FROM judged j WHERE j.verdict <> 'applied' AND e.event_id = j.event_id
        RETURNING 1
    )
    SELECT coalesce(j.verdict, 'duplicate'), j.capability, j.amount, j.mode
      FROM batch b LEFT JOIN judged j ON j.ord = b.ord
     ORDER BY b.ord;
END
$$;

-- What billing-service calls: the batch above decides every event, then each capture it found late on an expired
-- hold gets its second chance. Outcomes: those of apply_settlements_on_time, plus late_captured (charged after
-- expiry) and written_off (expired, and the account could not pay). Late captures are rare, so they are taken one
-- by one, in the batch's order, each against the balance the previous one left.
CREATE OR REPLACE FUNCTION apply_settlements(p_event_ids text[], p_types text[], p_hold_ids text[],
                                             p_account_ids uuid[], p_reasons text[])
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
