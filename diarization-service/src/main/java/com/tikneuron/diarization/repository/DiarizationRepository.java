package com.tikneuron.diarization.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.engine.Segment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The diarization cache in schema "diarization", in plain SQL on the reactive pool. */
@ApplicationScoped
public class DiarizationRepository {

    private static final TypeReference<List<Segment>> SEGMENTS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    public DiarizationRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<StoredDiarization> find(String videoId, String engineId) {
        return pool.preparedQuery("SELECT segments::text AS segments FROM diarization.diarizations WHERE video_id = $1 AND engine_id = $2")
                .execute(Tuple.of(videoId, engineId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new StoredDiarization(videoId, engineId, parse(row.getString("segments")));
                });
    }

    /** Keeps the first result stored for a key: two replicas racing on the same video both succeed. */
    public Uni<Void> store(StoredDiarization diarization) {
        List<Segment> segments = diarization.segments();
        long speakers = segments.stream().map(Segment::speaker).distinct().count();
        double seconds = segments.isEmpty() ? 0 : segments.getLast().end();
        return pool.preparedQuery("""
                INSERT INTO diarization.diarizations (video_id, engine_id, segments, speakers, seconds)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(diarization.videoId(), diarization.engineId(), new JsonArray(json(segments)), (int) speakers, seconds))
                .replaceWithVoid();
    }

    private List<Segment> parse(String json) {
        try {
            return mapper.readValue(json, SEGMENTS);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored segments are not readable", corrupt);
        }
    }

    private String json(List<Segment> segments) {
        try {
            return mapper.writeValueAsString(segments);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
