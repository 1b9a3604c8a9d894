-- Billing: accounts, API keys (digests only), credit holds, the append-only ledger and applied events.
-- Every balance change is one call to a function below, so it is atomic in the database and needs one round trip.
-- Invariant kept by every function: available + reserved = granted - captured, available >= 0, reserved >= 0.

CREATE TABLE accounts (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    available   bigint      NOT NULL CHECK (available >= 0),
    reserved    bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    granted     bigint      NOT NULL DEFAULT 0,
    captured    bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    account_id    uuid        NOT NULL REFERENCES accounts (id),
    digest        char(64)    NOT NULL UNIQUE,
    prefix        text        NOT NULL,
    mode          text        NOT NULL CHECK (mode IN ('live', 'test')),
    status        text        NOT NULL CHECK (status IN ('active', 'revoked')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX api_keys_account ON api_keys (account_id);

CREATE TABLE holds (
    id          text PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES accounts (id),
    amount      bigint      NOT NULL CHECK (amount > 0),
    capability  text        NOT NULL,
    video_id    text,
    request_id  text,
    mode        text        NOT NULL CHECK (mode IN ('live', 'test')),
    status      text        NOT NULL CHECK (status IN ('pending', 'captured', 'voided', 'expired')),
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    settled_at  timestamptz
);
CREATE INDEX holds_pending_expiry ON holds (expires_at) WHERE status = 'pending';
CREATE INDEX holds_account_recent ON holds (account_id, created_at DESC, id DESC);

-- Free cached answers, recorded for the usage history only.
CREATE TABLE cached_uses (
    id          text PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES accounts (id),
    capability  text        NOT NULL,
    video_id    text,
    request_id  text,
    mode        text        NOT NULL DEFAULT 'live',
    created_at  timestamptz NOT NULL
);
CREATE INDEX cached_uses_account_recent ON cached_uses (account_id, created_at DESC, id DESC);

-- Append-only: corrections are new entries. amount is signed for grant/adjustment, positive otherwise.
CREATE TABLE ledger_entries (
    id          bigserial PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES accounts (id),
    kind        text        NOT NULL CHECK (kind IN ('grant', 'adjustment', 'hold', 'capture', 'void', 'expire')),
    amount      bigint      NOT NULL,
    hold_id     text,
    capability  text,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id DESC);

CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only';
END
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();

-- One row per settlement event ever received, whatever became of it.
CREATE TABLE processed_events (
    event_id      text PRIMARY KEY,
    type          text        NOT NULL,
    hold_id       text,
    account_id    uuid,
    outcome       text        NOT NULL CHECK (outcome IN ('applied', 'late', 'unknown_hold', 'mismatch')),
    processed_at  timestamptz NOT NULL DEFAULT now()
);

-- Creates an account with its opening grant.
CREATE FUNCTION open_account(p_id uuid, p_name text, p_credits bigint)
RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO accounts (id, name, available, granted) VALUES (p_id, p_name, p_credits, p_credits);
    IF p_credits <> 0 THEN
        INSERT INTO ledger_entries (account_id, kind, amount, reason) VALUES (p_id, 'grant', p_credits, 'opening balance');
    END IF;
END
$$;

-- Adds (or, for corrections, removes) credits. Returns the available credits afterwards,
-- or null when the account is unknown or the correction would take it below zero.
CREATE FUNCTION adjust_credits(p_account_id uuid, p_amount bigint, p_reason text)
RETURNS TABLE (outcome text, available bigint) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_available bigint;
BEGIN
    UPDATE accounts a
       SET available = a.available + p_amount, granted = a.granted + p_amount, updated_at = now()
     WHERE a.id = p_account_id AND a.available + p_amount >= 0
    RETURNING a.available INTO v_available;
    IF NOT FOUND THEN
        SELECT a.available INTO v_available FROM accounts a WHERE a.id = p_account_id;
        RETURN QUERY SELECT CASE WHEN FOUND THEN 'below_zero' ELSE 'unknown_account' END, v_available;
        RETURN;
    END IF;
    INSERT INTO ledger_entries (account_id, kind, amount, reason)
    VALUES (p_account_id, CASE WHEN p_amount >= 0 THEN 'grant' ELSE 'adjustment' END, p_amount, p_reason);
    RETURN QUERY SELECT 'applied'::text, v_available;
END
$$;

-- Reserves credits for paid work: one conditional update, so concurrent holds never overspend.
-- Idempotent on the hold id: a replay returns the existing hold and reserves nothing more.
-- Outcomes: created, replayed, conflict (same id, other parameters), insufficient_credits, unknown_account.
CREATE FUNCTION create_hold(p_hold_id text, p_account_id uuid, p_amount bigint, p_capability text,
                            p_video_id text, p_request_id text, p_mode text, p_ttl_seconds integer)
RETURNS TABLE (outcome text, status text, amount bigint, mode text, expires_at timestamptz,
               available bigint, reserved bigint)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_hold holds%ROWTYPE;
    v_available bigint;
    v_reserved bigint;
BEGIN
    PERFORM 1 FROM accounts a WHERE a.id = p_account_id;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'unknown_account'::text, NULL::text, p_amount, p_mode, NULL::timestamptz, NULL::bigint, NULL::bigint;
        RETURN;
    END IF;

    INSERT INTO holds (id, account_id, amount, capability, video_id, request_id, mode, status, expires_at)
    VALUES (p_hold_id, p_account_id, p_amount, p_capability, p_video_id, p_request_id, p_mode, 'pending',
            now() + make_interval(secs => p_ttl_seconds))
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

-- Applies one settlement event at most once. The hold's own amount is used, never the event's.
-- Outcomes: applied, duplicate, late (hold already captured, voided or expired), unknown_hold, mismatch.
CREATE FUNCTION apply_settlement(p_event_id text, p_type text, p_hold_id text, p_account_id uuid, p_reason text)
RETURNS TABLE (outcome text, capability text, amount bigint, mode text)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_hold holds%ROWTYPE;
    v_outcome text;
BEGIN
    PERFORM 1 FROM processed_events e WHERE e.event_id = p_event_id;
    IF FOUND THEN
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

    -- A concurrent consumer of the same event (a rebalance) loses here and reports a duplicate.
    INSERT INTO processed_events (event_id, type, hold_id, account_id, outcome)
    VALUES (p_event_id, p_type, p_hold_id, p_account_id, v_outcome);

    RETURN QUERY SELECT v_outcome, v_hold.capability, v_hold.amount, v_hold.mode;
END
$$;

-- Records a free cached answer at most once.
CREATE FUNCTION record_cached_use(p_event_id text, p_account_id uuid, p_capability text, p_video_id text,
                                  p_request_id text, p_mode text, p_occurred_at timestamptz)
RETURNS text LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM 1 FROM accounts a WHERE a.id = p_account_id;
    IF NOT FOUND THEN
        INSERT INTO processed_events (event_id, type, account_id, outcome)
        VALUES (p_event_id, 'usage.cached', p_account_id, 'mismatch') ON CONFLICT (event_id) DO NOTHING;
        RETURN 'mismatch';
    END IF;
    INSERT INTO cached_uses (id, account_id, capability, video_id, request_id, mode, created_at)
    VALUES (p_event_id, p_account_id, p_capability, p_video_id, p_request_id, p_mode, p_occurred_at)
    ON CONFLICT (id) DO NOTHING;
    RETURN CASE WHEN FOUND THEN 'applied' ELSE 'duplicate' END;
END
$$;

-- Voids pending holds past their TTL. SKIP LOCKED lets several replicas sweep at once without
-- waiting on each other or touching the same hold twice.
CREATE FUNCTION expire_holds(p_limit integer)
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

-- Accounts that break an invariant: negative balances, or balances the ledger does not add up to.
CREATE VIEW invariant_violations AS
    SELECT a.id AS account_id
      FROM accounts a
      LEFT JOIN (
            SELECT l.account_id,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('grant', 'adjustment')), 0) AS granted,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind = 'capture'), 0) AS captured,
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
