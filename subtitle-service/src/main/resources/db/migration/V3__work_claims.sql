-- The paid protocol's cross-replica claims (paid-capability, docs/ARCHITECTURE.md): one row per key being worked on
-- (a video's captions in one language, its generated transcript, its on-screen text), owned by the request that
-- claimed it, which alone may release it; a claim whose lease ran out may be taken over. It replaces fetch_claim,
-- which held only caption fetches.
DROP TABLE fetch_claim;
CREATE TABLE work_claims (
    claim_key  VARCHAR(512) PRIMARY KEY,
    owner      VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);
