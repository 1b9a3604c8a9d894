-- Adds credits, or removes them for a correction, never below zero; one ledger entry (grant or adjustment).
-- Answers the outcome and the available credits afterwards (before, when refused).
-- Outcomes: applied, below_zero (the correction would take the balance below zero), unknown_account.
CREATE OR REPLACE FUNCTION adjust_credits(p_account_id uuid, p_amount bigint, p_reason text)
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
