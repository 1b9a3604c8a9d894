-- Jobs, batches and webhooks. PostgreSQL is the record of every job; the Kafka topic only carries job ids to the
-- workers, so a lost or repeated message can never change what a job is or what it cost.

CREATE TABLE batch (
    id            text PRIMARY KEY,
    account_id    text NOT NULL,
    key_mode      text NOT NULL,
    type          text NOT NULL,
    webhook_url   text,
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    total         integer NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz
);

CREATE INDEX batch_account ON batch (account_id, created_at DESC);

CREATE TABLE job (
    seq              bigserial UNIQUE,
    id               text PRIMARY KEY,
    account_id       text NOT NULL,
    key_mode         text NOT NULL CHECK (key_mode IN ('live', 'test')),
    batch_id         text REFERENCES batch (id) ON DELETE CASCADE,
    type             text NOT NULL CHECK (type IN ('subtitle', 'summarize', 'diarization')),
    input            jsonb NOT NULL,
    -- A test key's answer, made by the gateway when it accepted the job: the worker returns it and charges nothing
    sample_result    jsonb,
    status           text NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    result           jsonb,
    error            jsonb,
    error_status     integer,
    credits_charged  integer NOT NULL DEFAULT 0,
    metadata         jsonb NOT NULL DEFAULT '{}'::jsonb,
    webhook_url      text,
    attempt          integer NOT NULL DEFAULT 0,
    lease_until      timestamptz,
    published        boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    completed_at     timestamptz,
    cancelled_at     timestamptz
);

CREATE INDEX job_account_seq ON job (account_id, seq DESC);
CREATE INDEX job_account_processing ON job (account_id) WHERE status = 'processing';
CREATE INDEX job_batch ON job (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX job_unfinished ON job (status, created_at) WHERE status IN ('queued', 'processing');
CREATE INDEX job_finished ON job (completed_at) WHERE status IN ('completed', 'failed', 'cancelled');

-- One signing secret per account, sealed with the service's key (AES-GCM): a copy of the table alone signs nothing
CREATE TABLE webhook_secret (
    account_id    text PRIMARY KEY,
    sealed        bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- An event to deliver (its id is the TikNeuron-Event-Id) and where it stands
CREATE TABLE webhook_event (
    id               text PRIMARY KEY,
    account_id       text NOT NULL,
    job_id           text REFERENCES job (id) ON DELETE CASCADE,
    batch_id         text REFERENCES batch (id) ON DELETE CASCADE,
    type             text NOT NULL,
    url              text NOT NULL,
    payload          text NOT NULL,
    status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz
);

CREATE INDEX webhook_event_due ON webhook_event (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_event_job ON webhook_event (job_id);

CREATE TABLE webhook_attempt (
    event_id      text NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    attempt       integer NOT NULL,
    attempted_at  timestamptz NOT NULL DEFAULT now(),
    status_code   integer,
    error         text,
    duration_ms   integer NOT NULL,
    PRIMARY KEY (event_id, attempt)
);
