package com.tikneuron.summary.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The summary cache in schema "summary", in plain SQL on the reactive pool. */
@ApplicationScoped
public class SummaryRepository {

    private final Pool pool;

    public SummaryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<StoredSummary> find(CacheKey key) {
        return pool.preparedQuery("""
                SELECT summary, engine, model FROM summary.summaries
                WHERE video_id = $1 AND summary_type = $2 AND language = $3 AND prompt_version = $4
                  AND transcript_sha256 = $5""")
                .execute(keyTuple(key))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new StoredSummary(key, row.getString("summary"), row.getString("engine"), row.getString("model"));
                });
    }

    /** Keeps the first summary stored for a key: two replicas racing on the same video both succeed. */
    public Uni<Void> store(StoredSummary summary) {
        CacheKey key = summary.key();
        return pool.preparedQuery("""
                INSERT INTO summary.summaries
                    (video_id, summary_type, language, prompt_version, transcript_sha256, summary, engine, model)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT DO NOTHING""")
                .execute(keyTuple(key).addString(summary.summary()).addString(summary.engine()).addString(summary.model()))
                .replaceWithVoid();
    }

    private static Tuple keyTuple(CacheKey key) {
        return Tuple.of(key.videoId(), key.summaryType(), key.language(), key.promptVersion(), key.transcriptSha256());
    }
}
