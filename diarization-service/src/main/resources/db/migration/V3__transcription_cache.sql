-- One row per transcribed video and speech engine (its version or model). Diarization reads its words from here
-- too, so a video is recognised once whichever capability asked first. A new engine id misses instead of serving
-- old results.
CREATE TABLE transcriptions (
    video_id    VARCHAR(64)      NOT NULL,
    engine_id   VARCHAR(100)     NOT NULL,
    language    VARCHAR(16)      NOT NULL,
    duration    DOUBLE PRECISION NOT NULL,
    words       JSONB            NOT NULL,
    segments    JSONB            NOT NULL,
    created_at  TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, engine_id)
);
