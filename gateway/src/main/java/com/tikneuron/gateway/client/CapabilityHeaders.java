package com.tikneuron.gateway.client;

import com.tikneuron.platform.CallIds;

/** Header names shared by the gateway and the capability services (contracts/capability-api.md). */
public final class CapabilityHeaders {

    public static final String ACCOUNT_ID = "X-Account-Id";
    public static final String KEY_MODE = "X-Key-Mode";
    public static final String REQUEST_ID = "X-Request-Id";
    /** The gateway's own id of one forwarded call: holds and settlements are keyed by it, never by X-Request-Id. */
    public static final String CALL_ID = CallIds.HEADER;
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CREDITS_CHARGED = "X-Credits-Charged";
    public static final String CREDITS_REMAINING = "X-Credits-Remaining";

    private CapabilityHeaders() {
    }
}
