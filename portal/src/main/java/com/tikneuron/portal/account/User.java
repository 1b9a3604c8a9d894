package com.tikneuron.portal.account;

import java.util.UUID;

/** A portal user: who may act for one billing account. */
public record User(UUID id, String email, UUID accountId) {
}
