-- Which instance is fetching a (video, language) from TikTok right now, so that identical requests on other
-- instances wait for its result instead of fetching (and charging) again. A claim whose lease ran out (its
-- instance died) may be taken over.
CREATE TABLE fetch_claim (
    claim_key  varchar(120) PRIMARY KEY,
    owner      varchar(64)  NOT NULL,
    expires_at timestamptz  NOT NULL
);
