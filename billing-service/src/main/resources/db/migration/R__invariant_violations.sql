-- Accounts that break an invariant: negative balances, or balances the ledger does not add up to.
-- granted − (captured − refunded) = available + reserved; late captures count as captures and never touched
-- reserved. CREATE OR REPLACE VIEW can add columns at the end but not drop, rename or retype one: a change of the
-- column list starts with DROP VIEW IF EXISTS invariant_violations.
CREATE OR REPLACE VIEW invariant_violations AS
    SELECT a.id AS account_id
      FROM accounts a
      LEFT JOIN (
            SELECT l.account_id,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('grant', 'adjustment')), 0) AS granted,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('capture', 'late_capture')), 0)
                     - coalesce(sum(l.amount) FILTER (WHERE l.kind = 'refund'), 0) AS captured,
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
