-- One row per finished summary. The key names everything that changes the answer, so a new prompt
-- version or a changed transcript simply misses instead of serving a stale summary.
CREATE TABLE summaries (
    video_id          VARCHAR(32)  NOT NULL,
    summary_type      VARCHAR(16)  NOT NULL,
    language          VARCHAR(8)   NOT NULL,
    prompt_version    VARCHAR(64)  NOT NULL,
    transcript_sha256 CHAR(64)     NOT NULL,
    summary           TEXT         NOT NULL,
    engine            VARCHAR(16)  NOT NULL,
    model             VARCHAR(200),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, summary_type, language, prompt_version, transcript_sha256)
);
