-- The claim table every capability service creates in its own schema (docs/ARCHITECTURE.md, "Paid capability protocol").
CREATE TABLE work_claims (
    claim_key  VARCHAR(512) PRIMARY KEY,
    owner      VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);
