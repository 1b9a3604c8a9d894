package com.tikneuron.billing.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Request and response bodies of billing's internal and admin APIs (see contracts/billing-internal-api.yaml). */
public final class Payloads {

    private Payloads() {
    }

    public record HoldRequest(String holdId, String accountId, Long amount, String capability, String videoId,
            String requestId, String correlationId, String mode) {
    }

    @JsonPropertyOrder({ "hold_id", "account_id", "status", "amount", "mode", "expires_at", "credits", "reserved" })
    public record HoldResponse(String holdId, UUID accountId, String status, long amount, String mode,
            OffsetDateTime expiresAt, long credits, long reserved) {
    }

    public record KeyLookupResponse(UUID accountId, UUID keyId, String mode, String status, PlanView plan) {
    }

    /** An account's limits: the gateway's rate limit and burst, and the jobs it may run at once. */
    public record PlanView(int requestsPerMinute, int burst, int concurrentJobs) {
    }

    /** A plan: it replaces the account's whole plan; a field left out (or null) takes the default plan's value. */
    public record PlanRequest(Integer requestsPerMinute, Integer burst, Integer concurrentJobs) {
    }

    public record BalanceResponse(long credits, long reserved, OffsetDateTime updatedAt) {
    }

    public record UsageEntry(String id, OffsetDateTime createdAt, String capability, String videoId, long credits,
            String status, String mode, String requestId) {
    }

    @JsonPropertyOrder({ "object", "data", "has_more" })
    public record Page<T>(String object, List<T> data, boolean hasMore) {
        public static <T> Page<T> of(List<T> rows, int limit) {
            boolean more = rows.size() > limit;
            return new Page<>("list", more ? rows.subList(0, limit) : rows, more);
        }
    }

    public record NewAccountRequest(String name, Long credits) {
    }

    public record AccountCreated(UUID id, String name, long credits) {
    }

    public record AccountView(UUID id, String name, long credits, long reserved, PlanView plan) {
    }

    public record NewKeyRequest(String mode) {
    }

    public record KeyCreated(UUID id, String key, String prefix, String mode) {
    }

    public record CreditsRequest(Long amount, String reason) {
    }

    public record CreditsResponse(long credits) {
    }

    public record LedgerLine(long id, String kind, long amount, String holdId, String capability, String reason,
            OffsetDateTime createdAt) {
    }
}
