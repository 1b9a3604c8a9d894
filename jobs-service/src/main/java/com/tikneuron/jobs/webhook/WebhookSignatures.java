package com.tikneuron.jobs.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TikNeuron-Signature header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} under the account's
 * signing secret (docs/API.md shows how a receiver checks it).
 */
public final class WebhookSignatures {

    public static final String SIGNATURE_HEADER = "TikNeuron-Signature";
    public static final String EVENT_ID_HEADER = "TikNeuron-Event-Id";

    private WebhookSignatures() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    public static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
