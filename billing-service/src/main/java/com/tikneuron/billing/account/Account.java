package com.tikneuron.billing.account;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer account. Balances are changed only by the database functions of the billing schema, never here. */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public long available;

    public long reserved;

    public long granted;

    public long captured;

    /** Requests per minute of the account's plan; null for the default plan's. */
    @Column(name = "plan_requests_per_minute")
    public Integer planRequestsPerMinute;

    /** Requests that may arrive at once after a quiet spell; null for the default plan's. */
    @Column(name = "plan_burst")
    public Integer planBurst;

    /** Jobs that may run at once; null for the default plan's. */
    @Column(name = "plan_concurrent_jobs")
    public Integer planConcurrentJobs;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
