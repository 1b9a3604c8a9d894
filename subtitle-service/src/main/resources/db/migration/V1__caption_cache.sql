-- What a video lists: the usable caption tracks as of checked_at. Trusted only for a short time, because
-- auto-captions can appear after upload; an empty list is how "no captions" is remembered.
CREATE TABLE video_track_list (
    video_id   varchar(32) PRIMARY KEY,
    tracks     jsonb       NOT NULL,
    checked_at timestamptz NOT NULL
);

-- Caption tracks exactly as TikTok served them, kept for good (a video's captions do not change).
CREATE TABLE caption_track (
    video_id   varchar(32) NOT NULL,
    language   varchar(40) NOT NULL,
    source     varchar(16) NOT NULL,
    format     varchar(32) NOT NULL,
    content    bytea       NOT NULL,
    fetched_at timestamptz NOT NULL,
    PRIMARY KEY (video_id, language, source, format)
);
