package com.tikneuron.subtitle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Test set-up in the service's own schema: makes the service forget a video, and plays what another instance of
 * the service would write (a claim on the work, a stored track).
 */
public final class CacheRows {

    private CacheRows() {
    }

    public static void forget(String videoId) {
        update("DELETE FROM subtitle.caption_track WHERE video_id = ?", videoId);
        update("DELETE FROM subtitle.video_track_list WHERE video_id = ?", videoId);
        // Claims of its captions (video|language), its generated transcript and its on-screen text
        update("DELETE FROM subtitle.work_claims WHERE claim_key LIKE ?", "%" + videoId + "%");
    }

    /** Another instance claims the fetch of this video's default track for a while. */
    public static void claimElsewhere(String videoId, int seconds) {
        update("INSERT INTO subtitle.work_claims (claim_key, owner, expires_at) VALUES (?, 'another-instance', now() + "
                + seconds + " * interval '1 second')", videoId + "|");
    }

    public static void releaseElsewhere(String videoId) {
        update("DELETE FROM subtitle.work_claims WHERE claim_key = ? AND owner = 'another-instance'", videoId + "|");
    }

    /** Another instance stored this video's only track: an original-language ASR WebVTT track. */
    public static void storeElsewhere(String videoId, String language, byte[] content) {
        update("INSERT INTO subtitle.video_track_list (video_id, tracks, checked_at) VALUES (?, ?::jsonb, now())", videoId,
                "[{\"language\":\"" + language + "\",\"source\":\"ASR\",\"format\":\"webvtt\",\"original\":true}]");
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO subtitle.caption_track"
                        + " (video_id, language, source, format, content, fetched_at) VALUES (?, ?, 'ASR', 'webvtt', ?, now())")) {
            insert.setString(1, videoId);
            insert.setString(2, language);
            insert.setBytes(3, content);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String sql, String... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        String url = "jdbc:postgresql://" + env("TIKNEURON_DB_HOST", "127.0.0.1") + ":" + env("TIKNEURON_DB_PORT", "5432") + "/"
                + env("TIKNEURON_TEST_DB_NAME", "tikneuron_test");
        return DriverManager.getConnection(url, env("TIKNEURON_DB_USER", "postgres"), env("TIKNEURON_DB_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
