-- One row per diarized video and engine version. Segments (speaker turns with their words) are stored once as
-- JSON; every public format is rendered from them. A new engine version misses instead of serving old results.
CREATE TABLE diarizations (
    video_id    VARCHAR(64)  NOT NULL,
    engine_id   VARCHAR(100) NOT NULL,
    segments    JSONB        NOT NULL,
    speakers    INTEGER      NOT NULL,
    seconds     DOUBLE PRECISION NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, engine_id)
);
