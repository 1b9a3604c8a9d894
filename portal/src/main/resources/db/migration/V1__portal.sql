-- Portal users (email and Argon2id hash), their sessions and failed log-ins. Each user belongs to one account of
-- billing-service (account_id); billing owns the account, its keys and credits, the portal only who may act for it.

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          text        NOT NULL UNIQUE,
    password_hash  text        NOT NULL,
    account_id     uuid        NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- A session is known only by the SHA-256 digest of its cookie value.
CREATE TABLE sessions (
    token_digest   char(64)    PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed log-ins, by the digest of the address tried (registered or not) and by the client's address.
CREATE TABLE login_failures (
    id              bigserial   PRIMARY KEY,
    email_digest    char(64)    NOT NULL,
    client_address  text        NOT NULL,
    failed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email ON login_failures (email_digest, failed_at);
CREATE INDEX login_failures_address ON login_failures (client_address, failed_at);
