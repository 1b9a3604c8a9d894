package com.tikneuron.billing.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.billing.account.Account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Reads accounts; balances change only through {@link CreditRepository}. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {
}
