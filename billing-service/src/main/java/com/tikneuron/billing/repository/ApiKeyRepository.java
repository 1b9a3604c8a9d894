package com.tikneuron.billing.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.billing.account.ApiKey;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** API keys by id and by digest. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    public Uni<ApiKey> findByDigest(String digest) {
        return find("digest", digest).firstResult();
    }
}
