package com.tikneuron.subtitle.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.subtitle.caption.TrackDescriptor;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The caption cache in schema {@code subtitle}. Plain SQL on the reactive pool: both writes are upserts
 * ({@code ON CONFLICT}), which keeps concurrent writers on several instances harmless.
 */
@ApplicationScoped
public class CaptionCacheRepository {

    /** A video's usable tracks as of a moment. */
    public record TrackList(List<TrackDescriptor> tracks, Instant checkedAt) {
    }

    private static final TypeReference<List<TrackDescriptor>> TRACKS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    public CaptionCacheRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Optional<TrackList>> trackList(String videoId) {
        return pool.preparedQuery("SELECT tracks::text AS tracks, checked_at FROM subtitle.video_track_list WHERE video_id = $1")
                .execute(Tuple.of(videoId))
                .map(rows -> rows.size() == 0 ? Optional.<TrackList>empty() : Optional.of(toTrackList(rows.iterator().next())));
    }

    public Uni<Optional<byte[]>> track(String videoId, TrackDescriptor track) {
        return pool.preparedQuery("SELECT content FROM subtitle.caption_track"
                        + " WHERE video_id = $1 AND language = $2 AND source = $3 AND format = $4")
                .execute(Tuple.of(videoId, track.language(), track.source(), track.format()))
                .map(rows -> rows.size() == 0 ? Optional.<byte[]>empty()
                        : Optional.of(rows.iterator().next().getBuffer("content").getBytes()));
    }

    public Uni<Void> saveTrackList(String videoId, List<TrackDescriptor> tracks, Instant checkedAt) {
        return pool.preparedQuery("INSERT INTO subtitle.video_track_list (video_id, tracks, checked_at) VALUES ($1, $2::jsonb, $3)"
                        + " ON CONFLICT (video_id) DO UPDATE SET tracks = EXCLUDED.tracks, checked_at = EXCLUDED.checked_at")
                .execute(Tuple.of(videoId, new JsonArray(json(tracks)), OffsetDateTime.ofInstant(checkedAt, ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> saveTrack(String videoId, TrackDescriptor track, byte[] content, Instant fetchedAt) {
        return pool.preparedQuery("INSERT INTO subtitle.caption_track (video_id, language, source, format, content, fetched_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple(List.of(videoId, track.language(), track.source(), track.format(),
                        Buffer.buffer(content), OffsetDateTime.ofInstant(fetchedAt, ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    private TrackList toTrackList(Row row) {
        try {
            return new TrackList(mapper.readValue(row.getString("tracks"), TRACKS), row.getOffsetDateTime("checked_at").toInstant());
        } catch (JsonProcessingException e) {
            // An unreadable row is treated as absent: the next request refreshes it from TikTok.
            return new TrackList(List.of(), Instant.EPOCH);
        }
    }

    private String json(List<TrackDescriptor> tracks) {
        try {
            return mapper.writeValueAsString(tracks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
