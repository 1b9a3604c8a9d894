package com.tikneuron.gateway.service;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.client.BalanceRecord;
import com.tikneuron.gateway.client.BillingClient;
import com.tikneuron.gateway.client.BillingNotFoundException;
import com.tikneuron.gateway.client.BillingRejectedException;
import com.tikneuron.gateway.client.UsagePage;
import com.tikneuron.gateway.error.InvalidDataException;
import com.tikneuron.gateway.error.RejectedRequestException;
import com.tikneuron.gateway.error.ServiceUnavailableException;

import io.smallrye.mutiny.Uni;

/** The caller's balance and usage history, read from billing-service. */
@ApplicationScoped
public class AccountService {

    private static final int DEFAULT_LIMIT = 20;
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String LIMIT_MESSAGE = "The limit must be an integer between 1 and 100.";
    private static final String CURSOR_MESSAGE = "The starting_after cursor is not valid.";

    private final BillingClient billing;

    AccountService(BillingClient billing) {
        this.billing = billing;
    }

    public Uni<BalanceRecord> balance(Caller caller) {
        return billing.balance(caller.accountId()).onFailure().transform(AccountService::translate);
    }

    /** One page of usage; limit and cursor are checked here so that a bad one never reaches billing. */
    public Uni<UsagePage> usage(Caller caller, String limit, String startingAfter) {
        int pageSize = parseLimit(limit);
        if (startingAfter != null && !CURSOR.matcher(startingAfter).matches()) {
            throw new InvalidDataException(Map.of("starting_after", List.of(CURSOR_MESSAGE)));
        }
        return billing.usage(caller.accountId(), pageSize, startingAfter)
                .onFailure(BillingRejectedException.class)
                .transform(ignored -> new InvalidDataException(Map.of("starting_after", List.of(CURSOR_MESSAGE))))
                .onFailure(failure -> !(failure instanceof InvalidDataException))
                .transform(AccountService::translate);
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw new InvalidDataException(Map.of("limit", List.of(LIMIT_MESSAGE)));
    }

    private static Throwable translate(Throwable failure) {
        if (failure instanceof BillingNotFoundException) {
            return new RejectedRequestException(404, "account_not_found", "No account belongs to this API key.");
        }
        return new ServiceUnavailableException(BillingClient.serviceName(), failure);
    }
}
