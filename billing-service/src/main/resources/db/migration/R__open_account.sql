-- Opens an account with its opening grant (a ledger entry when the grant is not zero).
CREATE OR REPLACE FUNCTION open_account(p_id uuid, p_name text, p_credits bigint)
RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO accounts (id, name, available, granted) VALUES (p_id, p_name, p_credits, p_credits);
    IF p_credits <> 0 THEN
        INSERT INTO ledger_entries (account_id, kind, amount, reason) VALUES (p_id, 'grant', p_credits, 'opening balance');
    END IF;
END
$$;
