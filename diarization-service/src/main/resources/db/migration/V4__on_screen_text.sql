-- One row per video whose pictures were read for on-screen text, and the OCR engine (its version) that read them:
-- the whole answer (cues, languages, character count, whether it counts as text). A post without text is cached
-- too, so it is not read again. A new engine id misses instead of serving old results.
CREATE TABLE on_screen_texts (
    video_id    VARCHAR(64)  NOT NULL,
    engine_id   VARCHAR(100) NOT NULL,
    kind        VARCHAR(16)  NOT NULL CHECK (kind IN ('VIDEO', 'PHOTO_POST')),
    answer      JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, engine_id)
);
