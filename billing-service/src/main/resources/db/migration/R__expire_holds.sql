-- Voids pending holds past their TTL and gives their live credits back, with one 'expire' ledger entry each.
-- SKIP LOCKED lets several replicas sweep at once without waiting on each other or touching the same hold twice.
-- Answers, per capability, the holds expired and the live credits returned.
CREATE OR REPLACE FUNCTION expire_holds(p_limit integer)
RETURNS TABLE (capability text, holds bigint, credits bigint)
LANGUAGE sql SET search_path FROM CURRENT AS $$
    WITH due AS (
        SELECT h.id FROM holds h
         WHERE h.status = 'pending' AND h.expires_at <= now()
         ORDER BY h.expires_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED
    ), expired AS (
        UPDATE holds h SET status = 'expired', settled_at = now(), reason = 'expired'
          FROM due WHERE h.id = due.id
        RETURNING h.id, h.account_id, h.amount, h.capability, h.mode
    ), per_account AS (
        SELECT e.account_id, sum(e.amount) AS total FROM expired e WHERE e.mode = 'live' GROUP BY e.account_id
    ), refunded AS (
        UPDATE accounts a
           SET reserved = a.reserved - p.total, available = a.available + p.total, updated_at = now()
          FROM per_account p WHERE a.id = p.account_id
        RETURNING a.id
    ), logged AS (
        INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability, reason)
        SELECT e.account_id, 'expire', e.amount, e.id, e.capability, 'expired' FROM expired e WHERE e.mode = 'live'
        RETURNING 1
    )
    SELECT e.capability, count(*), sum(CASE WHEN e.mode = 'live' THEN e.amount ELSE 0 END)::bigint
      FROM expired e GROUP BY e.capability
$$;
