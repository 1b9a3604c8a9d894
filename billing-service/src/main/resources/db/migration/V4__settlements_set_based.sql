-- Settlements are applied a whole batch per call, in two set-based statements, instead of one PL/pgSQL call
-- per event: the per-event work in PL/pgSQL (one executor start per statement, one account update per event)
-- was what bounded settlements/s. Outcomes are the same as apply_settlement's (V3), which stays for replicas
-- still running the previous version during a rolling update.

-- Applies a batch of settlement events, each at most once, in the order given (the arrays are parallel: one
-- element per event). Returns one row per event, in the same order. The hold's own amount is used, never the
-- event's. Outcomes: applied, duplicate, late (hold already captured, voided or expired, or settled by an
-- earlier event of the batch), unknown_hold, mismatch.
CREATE FUNCTION apply_settlements(p_event_ids text[], p_types text[], p_hold_ids text[], p_account_ids uuid[],
                                  p_reasons text[])
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
