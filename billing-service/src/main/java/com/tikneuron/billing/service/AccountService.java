package com.tikneuron.billing.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.billing.account.Account;
import com.tikneuron.billing.account.LedgerEntry;
import com.tikneuron.billing.repository.AccountRepository;
import com.tikneuron.billing.repository.CreditRepository;
import com.tikneuron.billing.repository.LedgerEntryRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Opens accounts, grants and corrects credits, and reads accounts and their ledger for operators. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final LedgerEntryRepository ledger;
    private final CreditRepository credits;

    public AccountService(AccountRepository accounts, LedgerEntryRepository ledger, CreditRepository credits) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.credits = credits;
    }

    public Uni<UUID> open(String name, long openingCredits) {
        UUID id = UUID.randomUUID();
        return credits.openAccount(id, name, openingCredits).replaceWith(id);
    }

    /** Adds credits, or removes them for a correction; never below zero. Returns the available credits. */
    public Uni<Long> adjust(UUID accountId, long amount, String reason) {
        return credits.adjust(accountId, amount, reason).map(row -> switch (row.outcome()) {
            case APPLIED -> row.available();
            case BELOW_ZERO -> throw new ApiException(409, "insufficient_credits",
                    "A correction may not take the balance below zero");
            case UNKNOWN_ACCOUNT -> throw ApiException.notFound("account_not_found", "Account not found");
        });
    }

    @WithSession
    public Uni<Account> find(UUID accountId) {
        return accounts.findById(accountId).map(account -> {
            if (account == null) {
                throw ApiException.notFound("account_not_found", "Account not found");
            }
            return account;
        });
    }

    /** Replaces the account's plan; a null value means the default plan's. Returns the account afterwards. */
    @WithTransaction
    public Uni<Account> setPlan(UUID accountId, Integer requestsPerMinute, Integer burst, Integer concurrentJobs) {
        return accounts.findById(accountId).map(account -> {
            if (account == null) {
                throw ApiException.notFound("account_not_found", "Account not found");
            }
            account.planRequestsPerMinute = requestsPerMinute;
            account.planBurst = burst;
            account.planConcurrentJobs = concurrentJobs;
            return account;
        });
    }

    @WithSession
    public Uni<List<LedgerEntry>> ledger(UUID accountId, Long before, int limit) {
        return accounts.findById(accountId).flatMap(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ApiException.notFound("account_not_found", "Account not found"));
            }
            return ledger.page(accountId, before, limit);
        });
    }
}
