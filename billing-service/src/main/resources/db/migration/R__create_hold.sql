-- The signature without a correlation id served replicas of the version before V7 during its rolling update.
DROP FUNCTION IF EXISTS create_hold(text, uuid, bigint, text, text, text, text, integer);

-- Reserves credits for paid work: one conditional update, so concurrent holds never overspend.
-- Idempotent on the hold id: a replay returns the existing hold and reserves nothing more. The correlation id (the
-- caller's X-Request-Id) is stored for the usage history only: it takes no part in deciding a replay or a conflict,
-- and a replay keeps the one first stored.
-- A hold of a call already refunded (refund_call recorded it: the caller was told the call failed) is refused, a
-- replay of a hold made before the refund included: the work would be paid for by nobody's answer.
-- Outcomes: created, replayed, conflict (same id, other parameters), insufficient_credits, unknown_account,
-- call_refunded.
CREATE OR REPLACE FUNCTION create_hold(p_hold_id text, p_account_id uuid, p_amount bigint, p_capability text,
                                       p_video_id text, p_request_id text, p_correlation_id text, p_mode text,
                                       p_ttl_seconds integer)
RETURNS TABLE (outcome text, status text, amount bigint, mode text, expires_at timestamptz,
               available bigint, reserved bigint)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_hold holds%ROWTYPE;
    v_available bigint;
    v_reserved bigint;
BEGIN
    -- This transaction's commit does not wait for its WAL flush. A crash can then lose a hold that was already
    -- answered: its reservation vanishes with it, and the capture that follows finds no hold and charges nothing.
    -- The loss can only favour the customer, never double-charge; captures and voids stay synchronous.
    PERFORM set_config('synchronous_commit', 'off', true);

    PERFORM 1 FROM accounts a WHERE a.id = p_account_id;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'unknown_account'::text, NULL::text, p_amount, p_mode, NULL::timestamptz, NULL::bigint, NULL::bigint;
        RETURN;
    END IF;

    IF p_request_id IS NOT NULL THEN
        -- Shared: holds of one call do not wait for each other, only for a refund of that call (see refund_call).
        PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_account_id::text || '/' || p_request_id, 0));
        PERFORM 1 FROM refunded_calls r WHERE r.account_id = p_account_id AND r.call_id = p_request_id;
        IF FOUND THEN
            RETURN QUERY SELECT 'call_refunded'::text, NULL::text, p_amount, p_mode, NULL::timestamptz, NULL::bigint, NULL::bigint;
            RETURN;
        END IF;
    END IF;

    INSERT INTO holds (id, account_id, amount, capability, video_id, request_id, correlation_id, mode, status,
                       expires_at)
    VALUES (p_hold_id, p_account_id, p_amount, p_capability, p_video_id, p_request_id, p_correlation_id, p_mode,
            'pending', now() + make_interval(secs => p_ttl_seconds))
    ON CONFLICT (id) DO NOTHING;

    IF NOT FOUND THEN
        SELECT * INTO v_hold FROM holds h WHERE h.id = p_hold_id;
        SELECT a.available, a.reserved INTO v_available, v_reserved FROM accounts a WHERE a.id = v_hold.account_id;
        RETURN QUERY SELECT
            CASE WHEN v_hold.account_id = p_account_id AND v_hold.amount = p_amount AND v_hold.mode = p_mode
                 THEN 'replayed' ELSE 'conflict' END,
            v_hold.status, v_hold.amount, v_hold.mode, v_hold.expires_at, v_available, v_reserved;
        RETURN;
    END IF;

    SELECT h.expires_at INTO v_hold.expires_at FROM holds h WHERE h.id = p_hold_id;

    IF p_mode = 'test' THEN
        SELECT a.available, a.reserved INTO v_available, v_reserved FROM accounts a WHERE a.id = p_account_id;
        RETURN QUERY SELECT 'created'::text, 'pending'::text, p_amount, p_mode, v_hold.expires_at, v_available, v_reserved;
        RETURN;
    END IF;

    UPDATE accounts a
       SET available = a.available - p_amount, reserved = a.reserved + p_amount, updated_at = now()
     WHERE a.id = p_account_id AND a.available >= p_amount
    RETURNING a.available, a.reserved INTO v_available, v_reserved;

    IF NOT FOUND THEN
        -- Never visible to anyone else: this transaction inserted it.
        DELETE FROM holds h WHERE h.id = p_hold_id;
        SELECT a.available, a.reserved INTO v_available, v_reserved FROM accounts a WHERE a.id = p_account_id;
        RETURN QUERY SELECT 'insufficient_credits'::text, NULL::text, p_amount, p_mode, NULL::timestamptz, v_available, v_reserved;
        RETURN;
    END IF;

    INSERT INTO ledger_entries (account_id, kind, amount, hold_id, capability)
    VALUES (p_account_id, 'hold', p_amount, p_hold_id, p_capability);

    RETURN QUERY SELECT 'created'::text, 'pending'::text, p_amount, p_mode, v_hold.expires_at, v_available, v_reserved;
END
$$;
