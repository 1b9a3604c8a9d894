package com.tikneuron.billing.service;

import com.tikneuron.billing.account.Account;
import com.tikneuron.billing.config.BillingConfig;

/** An account's effective limits: its own plan's values, the default plan's where it has none. */
public record Plan(int requestsPerMinute, int burst, int concurrentJobs) {

    public static Plan of(Account account, BillingConfig.PlanDefaults defaults) {
        return new Plan(
                account.planRequestsPerMinute == null ? defaults.requestsPerMinute() : account.planRequestsPerMinute,
                account.planBurst == null ? defaults.burst() : account.planBurst,
                account.planConcurrentJobs == null ? defaults.concurrentJobs() : account.planConcurrentJobs);
    }
}
