package com.tikneuron.summary.repository;

/** A finished summary as kept in the cache; for "structured" the text is the JSON object. */
public record StoredSummary(CacheKey key, String summary, String engine, String model) {
}
