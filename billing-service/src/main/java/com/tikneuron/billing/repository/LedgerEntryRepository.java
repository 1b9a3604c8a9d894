package com.tikneuron.billing.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.billing.account.LedgerEntry;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Reads the append-only ledger, newest first. */
@ApplicationScoped
public class LedgerEntryRepository implements PanacheRepositoryBase<LedgerEntry, Long> {

    public Uni<List<LedgerEntry>> page(UUID accountId, Long before, int limit) {
        Sort newestFirst = Sort.by("id", Sort.Direction.Descending);
        if (before == null) {
            return find("accountId", newestFirst, accountId).page(Page.ofSize(limit)).list();
        }
        return find("accountId = ?1 and id < ?2", newestFirst, accountId, before).page(Page.ofSize(limit)).list();
    }
}
