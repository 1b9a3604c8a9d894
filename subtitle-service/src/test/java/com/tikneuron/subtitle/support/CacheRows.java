package com.tikneuron.subtitle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Test set-up: makes the service forget a video, so a test can start from an uncached one. */
public final class CacheRows {

    private CacheRows() {
    }

    public static void forget(String videoId) {
        String url = "jdbc:postgresql://" + env("TIKNEURON_DB_HOST", "127.0.0.1") + ":" + env("TIKNEURON_DB_PORT", "5432") + "/"
                + env("TIKNEURON_TEST_DB_NAME", "tikneuron_test");
        try (Connection connection = DriverManager.getConnection(url, env("TIKNEURON_DB_USER", "postgres"), env("TIKNEURON_DB_PASSWORD", ""))) {
            for (String table : new String[] {"subtitle.caption_track", "subtitle.video_track_list"}) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE video_id = ?")) {
                    delete.setString(1, videoId);
                    delete.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
