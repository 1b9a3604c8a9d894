package com.tikneuron.billing.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.billing.config.BillingConfig;
import com.tikneuron.billing.repository.CreditRepository;
import com.tikneuron.billing.repository.CreditRepository.BalanceRow;
import com.tikneuron.billing.repository.CreditRepository.HoldRow;
import com.tikneuron.billing.repository.CreditRepository.UsageRow;

import io.smallrye.mutiny.Uni;

/** Reserves credits before paid work and answers balance and usage questions. */
@ApplicationScoped
public class HoldService {

    private final CreditRepository credits;
    private final BillingConfig config;
    private final BillingMetrics metrics;

    public HoldService(CreditRepository credits, BillingConfig config, BillingMetrics metrics) {
        this.credits = credits;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * A validated hold request. {@code requestId} is the call id that keys the hold (refunds name it);
     * {@code correlationId} is the caller's X-Request-Id, shown in the usage history and used for nothing else.
     */
    public record NewHold(String holdId, UUID accountId, long amount, String capability, String videoId,
            String requestId, String correlationId, String mode) {
    }

    /** Creates the hold, or returns the existing one for a replayed id. Failures are {@link ApiException}s. */
    public Uni<HoldRow> create(NewHold hold) {
        return credits.createHold(hold.holdId(), hold.accountId(), hold.amount(), hold.capability(), hold.videoId(),
                hold.requestId(), hold.correlationId(), hold.mode(), (int) config.holdTtl().toSeconds())
                .map(row -> {
                    metrics.hold(row.outcome(), hold.capability());
                    return switch (row.outcome()) {
                        case CREATED, REPLAYED -> row;
                        case INSUFFICIENT_CREDITS -> throw new ApiException(402, "insufficient_credits",
                                "Insufficient credits");
                        case CONFLICT -> throw new ApiException(409, "hold_conflict",
                                "Hold id already used with different parameters");
                        case UNKNOWN_ACCOUNT -> throw ApiException.notFound("account_not_found", "Account not found");
                        case CALL_REFUNDED -> throw new ApiException(409, "call_refunded",
                                "The call was refunded; it can hold no credits");
                    };
                });
    }

    public Uni<BalanceRow> balance(UUID accountId) {
        return credits.balance(accountId).map(balance -> balance
                .orElseThrow(() -> ApiException.notFound("account_not_found", "Account not found")));
    }

    /** One page of usage, newest first, fetching one more row than asked to know whether more exist. */
    public Uni<List<UsageRow>> usage(UUID accountId, String startingAfter, int limitPlusOne) {
        return credits.balance(accountId).flatMap(account -> {
            if (account.isEmpty()) {
                return Uni.createFrom().failure(ApiException.notFound("account_not_found", "Account not found"));
            }
            return credits.usage(accountId, startingAfter, limitPlusOne).map((Optional<List<UsageRow>> page) -> page
                    .orElseThrow(() -> ApiException.invalid(java.util.Map.of("starting_after",
                            List.of("Unknown cursor.")))));
        });
    }
}
