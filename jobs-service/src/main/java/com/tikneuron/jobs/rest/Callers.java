package com.tikneuron.jobs.rest;

import com.tikneuron.jobs.service.ApiException;
import com.tikneuron.jobs.service.JobService;

/** The caller the gateway names in its headers; a forwarded call always carries both. */
final class Callers {

    static final String ACCOUNT = "X-Account-Id";
    static final String MODE = "X-Key-Mode";
    static final String REQUEST = "X-Request-Id";

    private Callers() {
    }

    static JobService.Caller of(String account, String mode, String requestId) {
        if (account == null || account.isBlank() || !("live".equals(mode) || "test".equals(mode))) {
            throw ApiException.of(400, "invalid_request", "X-Account-Id and X-Key-Mode (live or test) are required.");
        }
        return new JobService.Caller(account, mode, requestId);
    }
}
