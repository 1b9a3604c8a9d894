-- Holds and cached uses are keyed by the gateway's call id (request_id), which the customer never sees. The usage
-- history shows instead the X-Request-Id the gateway echoed to the customer, kept beside it as correlation_id.
-- It is for display only: nothing matches, settles or refunds by it. Null on rows written before this migration
-- and for callers that do not send it; the usage history then shows request_id.
-- The functions that write it are restated in R__create_hold.sql and R__record_cached_use.sql.

ALTER TABLE holds ADD COLUMN correlation_id text;
ALTER TABLE cached_uses ADD COLUMN correlation_id text;
