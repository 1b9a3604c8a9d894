package com.tikneuron.diarization.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.engine.Word;
import com.tikneuron.diarization.speech.Transcript;
import com.tikneuron.diarization.speech.TranscriptSegment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The transcription cache in schema "diarization", in plain SQL on the reactive pool. */
@ApplicationScoped
public class TranscriptionRepository {

    private static final TypeReference<List<Word>> WORDS = new TypeReference<>() {
    };
    private static final TypeReference<List<TranscriptSegment>> SEGMENTS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    public TranscriptionRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<StoredTranscription> find(String videoId, String engineId) {
        return pool.preparedQuery("""
                SELECT language, duration, words::text AS words, segments::text AS segments
                FROM diarization.transcriptions WHERE video_id = $1 AND engine_id = $2""")
                .execute(Tuple.of(videoId, engineId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new StoredTranscription(videoId, engineId, new Transcript(row.getString("language"),
                            row.getDouble("duration"), parse(row.getString("words"), WORDS),
                            parse(row.getString("segments"), SEGMENTS)));
                });
    }

    /** Whether a transcription is cached for this video and engine, without reading it. */
    public Uni<Boolean> exists(String videoId, String engineId) {
        return pool.preparedQuery("SELECT 1 FROM diarization.transcriptions WHERE video_id = $1 AND engine_id = $2")
                .execute(Tuple.of(videoId, engineId))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Keeps the first result stored for a key: two replicas racing on the same video both succeed. */
    public Uni<Void> store(StoredTranscription stored) {
        Transcript transcript = stored.transcript();
        return pool.preparedQuery("""
                INSERT INTO diarization.transcriptions (video_id, engine_id, language, duration, words, segments)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.tuple().addString(stored.videoId()).addString(stored.engineId())
                        .addString(transcript.language()).addDouble(transcript.duration())
                        .addValue(new JsonArray(json(transcript.words()))).addValue(new JsonArray(json(transcript.segments()))))
                .replaceWithVoid();
    }

    private <T> T parse(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored transcription is not readable", corrupt);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
