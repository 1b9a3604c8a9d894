package com.tikneuron.billing.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.billing.account.ApiKey;
import com.tikneuron.billing.account.KeyMode;
import com.tikneuron.billing.config.BillingConfig;
import com.tikneuron.billing.repository.AccountRepository;
import com.tikneuron.billing.repository.ApiKeyRepository;
import com.tikneuron.billing.repository.CreditRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Issues, resolves and revokes API keys. The key text is shown once and never stored: only its SHA-256 digest. */
@ApplicationScoped
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int SECRET_LENGTH = 40;
    // "tn_live_" or "tn_test_" and four characters of the secret: enough to tell keys apart in a list.
    private static final int SHOWN_PREFIX_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();
    private final ApiKeyRepository keys;
    private final AccountRepository accounts;
    private final CreditRepository credits;
    private final BillingConfig config;

    public KeyService(ApiKeyRepository keys, AccountRepository accounts, CreditRepository credits,
            BillingConfig config) {
        this.keys = keys;
        this.accounts = accounts;
        this.credits = credits;
        this.config = config;
    }

    /** A key as issued: the only moment its text exists outside the customer's hands. */
    public record IssuedKey(UUID id, String key, String prefix, String mode) {
    }

    /** What the gateway needs to know about a key. */
    public record KeyLookup(UUID accountId, UUID keyId, String mode, String status, Plan plan) {
    }

    @WithTransaction
    public Uni<IssuedKey> issue(UUID accountId, KeyMode mode) {
        return accounts.findById(accountId).flatMap(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ApiException.notFound("account_not_found", "Account not found"));
            }
            String text = "tn_" + mode.wire() + "_" + randomSecret();
            ApiKey key = new ApiKey();
            key.id = UUID.randomUUID();
            key.accountId = accountId;
            key.digest = digest(text);
            key.prefix = text.substring(0, SHOWN_PREFIX_LENGTH);
            key.mode = mode.wire();
            key.status = ApiKey.ACTIVE;
            key.createdAt = OffsetDateTime.now();
            return keys.persist(key).replaceWith(new IssuedKey(key.id, text, key.prefix, key.mode));
        });
    }

    @WithSession
    public Uni<Optional<KeyLookup>> lookup(String digest) {
        return keys.findByDigest(digest).flatMap(key -> {
            if (key == null) {
                return Uni.createFrom().item(Optional.<KeyLookup>empty());
            }
            if (ApiKey.ACTIVE.equals(key.status)) {
                credits.touchKey(key.id, config.keyUsageGranularity().toSeconds()).subscribe().with(
                        ignored -> {
                        },
                        failure -> LOG.debugf("could not record the use of key %s: %s", key.id, failure.getMessage()));
            }
            // The account row carries the plan: the gateway applies it to every request of this key.
            return accounts.findById(key.accountId).map(account -> Optional.of(new KeyLookup(key.accountId, key.id,
                    key.mode, key.status, Plan.of(account, config.planDefaults()))));
        });
    }

    @WithTransaction
    public Uni<Boolean> revoke(UUID keyId) {
        return keys.findById(keyId).map(key -> {
            if (key == null) {
                return false;
            }
            if (!ApiKey.REVOKED.equals(key.status)) {
                key.status = ApiKey.REVOKED;
                key.revokedAt = OffsetDateTime.now();
            }
            return true;
        });
    }

    /** Lowercase hex SHA-256 of the whole key text. */
    public static String digest(String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private String randomSecret() {
        char[] secret = new char[SECRET_LENGTH];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(secret);
    }
}
