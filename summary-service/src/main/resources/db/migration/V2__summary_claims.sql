-- Who is summarising what right now, across replicas: the first request for a key claims it for a lease,
-- identical requests elsewhere wait for its summary instead of paying for the same work.
CREATE TABLE summary_claims (
    video_id          VARCHAR(32)  NOT NULL,
    summary_type      VARCHAR(16)  NOT NULL,
    language          VARCHAR(8)   NOT NULL,
    prompt_version    VARCHAR(64)  NOT NULL,
    transcript_sha256 CHAR(64)     NOT NULL,
    claimed_until     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (video_id, summary_type, language, prompt_version, transcript_sha256)
);
