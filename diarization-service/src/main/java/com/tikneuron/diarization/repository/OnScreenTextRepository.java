package com.tikneuron.diarization.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.ocr.OnScreenText;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The on-screen text cache in schema "diarization", in plain SQL on the reactive pool. */
@ApplicationScoped
public class OnScreenTextRepository {

    private final Pool pool;
    private final ObjectMapper mapper;

    public OnScreenTextRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The stored answer, or null. */
    public Uni<OnScreenText> find(String videoId, String engineId) {
        return pool.preparedQuery("SELECT answer::text AS answer FROM diarization.on_screen_texts WHERE video_id = $1 AND engine_id = $2")
                .execute(Tuple.of(videoId, engineId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    try {
                        return mapper.readValue(row.getString("answer"), OnScreenText.class);
                    } catch (JsonProcessingException corrupt) {
                        throw new IllegalStateException("stored on-screen text is not readable", corrupt);
                    }
                });
    }

    /** Keeps the first answer stored for a key: two replicas racing on the same post both succeed. */
    public Uni<Void> store(String videoId, String engineId, OnScreenText text) {
        String json;
        try {
            json = mapper.writeValueAsString(text);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        return pool.preparedQuery("""
                INSERT INTO diarization.on_screen_texts (video_id, engine_id, kind, answer)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(videoId, engineId, text.kind().name(), new JsonObject(json)))
                .replaceWithVoid();
    }
}
