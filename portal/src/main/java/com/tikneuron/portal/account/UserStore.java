package com.tikneuron.portal.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Users, sessions and failed log-ins in the portal schema (plain JDBC: a handful of short statements per page). */
@ApplicationScoped
public class UserStore {

    private final DataSource db;

    public UserStore(DataSource db) {
        this.db = db;
    }

    /** A user and the stored hash of their password. */
    public record Credentials(User user, String passwordHash) {
    }

    public Optional<Credentials> byEmail(String email) {
        return query("SELECT id, email, account_id, password_hash FROM users WHERE email = ?", statement -> {
            statement.setString(1, email);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new Credentials(user(rows), rows.getString("password_hash")))
                        : Optional.<Credentials>empty();
            }
        });
    }

    public boolean emailTaken(String email) {
        return byEmail(email).isPresent();
    }

    /** Inserts the user; false when the email was taken meanwhile. */
    public boolean insert(User user, String passwordHash) {
        return query("""
                INSERT INTO users (id, email, password_hash, account_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (email) DO NOTHING""", statement -> {
            statement.setObject(1, user.id());
            statement.setString(2, user.email());
            statement.setString(3, passwordHash);
            statement.setObject(4, user.accountId());
            return statement.executeUpdate() == 1;
        });
    }

    public void createSession(String tokenDigest, UUID userId, Instant expiresAt) {
        update("INSERT INTO sessions (token_digest, user_id, expires_at) VALUES (?, ?, ?)", statement -> {
            statement.setString(1, tokenDigest);
            statement.setObject(2, userId);
            statement.setTimestamp(3, Timestamp.from(expiresAt));
        });
    }

    /**
     * The session's user if the session exists, has not reached its absolute end and was used within the idle
     * timeout; the use is recorded. Expired sessions are deleted on sight.
     */
    public Optional<User> touchSession(String tokenDigest, long idleSeconds) {
        return query("""
                WITH live AS (
                    UPDATE sessions s SET last_seen_at = now()
                     WHERE s.token_digest = ? AND s.expires_at > now()
                       AND s.last_seen_at > now() - make_interval(secs => ?)
                    RETURNING s.user_id
                )
                SELECT u.id, u.email, u.account_id FROM live JOIN users u ON u.id = live.user_id""", statement -> {
            statement.setString(1, tokenDigest);
            statement.setLong(2, idleSeconds);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(user(rows)) : Optional.<User>empty();
            }
        });
    }

    public void deleteSession(String tokenDigest) {
        update("DELETE FROM sessions WHERE token_digest = ?", statement -> statement.setString(1, tokenDigest));
    }

    /** Ends every session of the user ("log out everywhere"); returns how many there were. */
    public int deleteSessions(UUID userId) {
        return query("DELETE FROM sessions WHERE user_id = ?", statement -> {
            statement.setObject(1, userId);
            return statement.executeUpdate();
        });
    }

    public int activeSessions(UUID userId) {
        return query("SELECT count(*) FROM sessions WHERE user_id = ? AND expires_at > now()", statement -> {
            statement.setObject(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /** Deletes sessions past their end or idle for longer than the timeout, and failures older than the window. */
    public void purge(long idleSeconds, long windowSeconds) {
        update("DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => ?)",
                statement -> statement.setLong(1, idleSeconds));
        update("DELETE FROM login_failures WHERE failed_at <= now() - make_interval(secs => ?)",
                statement -> statement.setLong(1, windowSeconds));
    }

    public void recordFailure(String emailDigest, String clientAddress) {
        update("INSERT INTO login_failures (email_digest, client_address) VALUES (?, ?)", statement -> {
            statement.setString(1, emailDigest);
            statement.setString(2, clientAddress);
        });
    }

    /** Failures within the window: [for the email digest, from the client address]. */
    public long[] recentFailures(String emailDigest, String clientAddress, long windowSeconds) {
        return query("""
                SELECT count(*) FILTER (WHERE email_digest = ?), count(*) FILTER (WHERE client_address = ?)
                  FROM login_failures
                 WHERE failed_at > now() - make_interval(secs => ?) AND (email_digest = ? OR client_address = ?)""",
                statement -> {
                    statement.setString(1, emailDigest);
                    statement.setString(2, clientAddress);
                    statement.setLong(3, windowSeconds);
                    statement.setString(4, emailDigest);
                    statement.setString(5, clientAddress);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return new long[] { rows.getLong(1), rows.getLong(2) };
                    }
                });
    }

    /** Forgets the failures of an address after a successful log-in. */
    public void clearFailures(String emailDigest) {
        update("DELETE FROM login_failures WHERE email_digest = ?", statement -> statement.setString(1, emailDigest));
    }

    private static User user(ResultSet rows) throws SQLException {
        return new User(rows.getObject("id", UUID.class), rows.getString("email"),
                rows.getObject("account_id", UUID.class));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Change {
        void run(PreparedStatement statement) throws SQLException;
    }

    private <T> T query(String sql, Work<T> work) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("portal database: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Change change) {
        query(sql, statement -> {
            change.run(statement);
            return statement.executeUpdate();
        });
    }
}
