package com.tikneuron.jobs.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.jobs.config.JobsConfig;

/**
 * Seals webhook signing secrets at rest with AES-256-GCM under a key the service is given
 * ({@code TIKNEURON_WEBHOOK_SECRET_KEY}): the secret must be readable to sign, so it cannot be a digest like an API
 * key, but a copy of the database alone signs nothing. The account id is bound in as associated data, so a sealed
 * secret moved to another account's row does not open.
 */
@ApplicationScoped
public class SecretSealer {

    private static final int MIN_KEY_LENGTH = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretSealer(JobsConfig config) {
        String material = config.webhooks().secretKey();
        if (material == null || material.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("TIKNEURON_WEBHOOK_SECRET_KEY must be set to at least " + MIN_KEY_LENGTH
                    + " characters");
        }
        try {
            key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(material.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public byte[] seal(String accountId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, accountId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    public String open(String accountId, byte[] sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(sealed, NONCE_BYTES), accountId);
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret does not open with this key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String accountId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
