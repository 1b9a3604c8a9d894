package com.tikneuron.billing.account;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One append-only ledger line: a grant, an adjustment, or a hold's reservation, capture, void or expiry. */
@Entity
@Immutable
@Table(name = "ledger_entries")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    public long id;

    @Column(name = "account_id")
    public UUID accountId;

    public String kind;

    public long amount;

    @Column(name = "hold_id")
    public String holdId;

    public String capability;

    public String reason;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
