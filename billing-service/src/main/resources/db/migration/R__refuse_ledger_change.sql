-- The ledger is append-only: corrections are new entries. This trigger function refuses UPDATE, DELETE and
-- TRUNCATE on ledger_entries (the triggers themselves are schema, in V1__billing.sql).
CREATE OR REPLACE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only';
END
$$;
