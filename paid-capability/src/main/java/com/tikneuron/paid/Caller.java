package com.tikneuron.paid;

import java.util.Locale;
import java.util.UUID;

import com.tikneuron.platform.CallIds;
import com.tikneuron.platform.RequestIds;

/**
 * Who asks, as the gateway vouched for it: the account, the key's mode (live or test) and the call id, which keys
 * the hold and the settlement events. The client's request id is only a correlation id: the hold and the settlement
 * events carry it as {@code correlationId} so the customer's usage history names the call as the customer knows it.
 */
public record Caller(String accountId, String mode, String callId, String correlationId) {

    public static final String ACCOUNT_HEADER = "X-Account-Id";
    public static final String MODE_HEADER = "X-Key-Mode";

    /**
     * The caller named by the gateway's headers. A missing or malformed account or mode means the request did not come
     * through the gateway properly (400 invalid_request); a call id that is not the gateway's shape is replaced by a
     * fresh one, never trusted as a hold key.
     */
    public static Caller fromHeaders(String accountId, String keyMode, String callId, String requestId) {
        try {
            UUID.fromString(accountId == null ? "" : accountId.strip());
        } catch (IllegalArgumentException notUuid) {
            throw new InvalidCallerException("X-Account-Id must be the caller's account id");
        }
        String mode = keyMode == null || keyMode.isBlank() ? "live" : keyMode;
        if (!mode.equals("live") && !mode.equals("test")) {
            throw new InvalidCallerException("X-Key-Mode must be live or test");
        }
        // The route filter has already vetted the request id and echoes it, so this is the id the caller was given.
        return new Caller(accountId.strip().toLowerCase(Locale.ROOT), mode, CallIds.acceptOrCreate(callId),
                RequestIds.acceptOrCreate(requestId));
    }

    public boolean test() {
        return "test".equals(mode);
    }
}
