-- The developer portal names keys and rotates them: a rotated key stays active until revoke_after, when the
-- rotation sweep revokes it (a grace period the customer chose, so running clients can move to the new key).
ALTER TABLE api_keys ADD COLUMN name text;
ALTER TABLE api_keys ADD COLUMN revoke_after timestamptz;
CREATE INDEX api_keys_revoke_due ON api_keys (revoke_after) WHERE status = 'active' AND revoke_after IS NOT NULL;
