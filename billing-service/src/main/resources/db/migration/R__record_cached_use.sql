-- The signature without a correlation id served replicas of the version before V7 during its rolling update.
DROP FUNCTION IF EXISTS record_cached_use(text, uuid, text, text, text, text, timestamptz);

-- Records a free cached answer at most once. The correlation id (the caller's X-Request-Id) is for the usage
-- history only. Outcomes: applied, duplicate (recorded before), mismatch (unknown account).
CREATE OR REPLACE FUNCTION record_cached_use(p_event_id text, p_account_id uuid, p_capability text,
                                             p_video_id text, p_request_id text, p_correlation_id text,
                                             p_mode text, p_occurred_at timestamptz)
RETURNS text LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM 1 FROM accounts a WHERE a.id = p_account_id;
    IF NOT FOUND THEN
        INSERT INTO processed_events (event_id, type, account_id, outcome)
        VALUES (p_event_id, 'usage.cached', p_account_id, 'mismatch') ON CONFLICT (event_id) DO NOTHING;
        RETURN 'mismatch';
    END IF;
    INSERT INTO cached_uses (id, account_id, capability, video_id, request_id, correlation_id, mode, created_at)
    VALUES (p_event_id, p_account_id, p_capability, p_video_id, p_request_id, p_correlation_id, p_mode, p_occurred_at)
    ON CONFLICT (id) DO NOTHING;
    RETURN CASE WHEN FOUND THEN 'applied' ELSE 'duplicate' END;
END
$$;
