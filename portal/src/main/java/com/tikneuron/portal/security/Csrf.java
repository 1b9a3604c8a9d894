package com.tikneuron.portal.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.portal.PortalConfig;

/**
 * Signed double-submit CSRF tokens: every browser gets a random HttpOnly, SameSite=Strict cookie, and every form
 * carries the HMAC of that cookie under the server's key. A cross-site form can neither read the cookie nor
 * compute the HMAC, so its posts fail the check.
 */
@ApplicationScoped
public class Csrf {

    public static final String COOKIE = "tn_csrf";
    public static final String FIELD = "csrf_token";

    private final byte[] key;

    public Csrf(PortalConfig config) {
        this.key = config.csrfKey().filter(value -> !value.isBlank())
                .map(value -> value.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> Digests.randomToken().getBytes(StandardCharsets.US_ASCII));
    }

    public String tokenFor(String cookie) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("csrf:" + cookie).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** True when the form's token is the HMAC of the browser's cookie (compared in constant time). */
    public boolean valid(String cookie, String token) {
        if (cookie == null || cookie.isEmpty() || token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(cookie).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
