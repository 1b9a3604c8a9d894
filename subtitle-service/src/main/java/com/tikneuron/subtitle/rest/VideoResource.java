package com.tikneuron.subtitle.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;


import org.jboss.resteasy.reactive.RestMulti;

import com.tikneuron.subtitle.caption.LanguageCodes;
import com.tikneuron.subtitle.rest.InternalDtos.Author;
import com.tikneuron.subtitle.rest.InternalDtos.Caption;
import com.tikneuron.subtitle.rest.InternalDtos.Metadata;
import com.tikneuron.subtitle.rest.InternalDtos.Music;
import com.tikneuron.subtitle.rest.InternalDtos.ResolveBody;
import com.tikneuron.subtitle.rest.InternalDtos.Resolved;
import com.tikneuron.subtitle.rest.InternalDtos.Stats;
import com.tikneuron.subtitle.rest.InternalDtos.TimedText;
import com.tikneuron.subtitle.rest.InternalDtos.TranscriptBody;
import com.tikneuron.subtitle.service.MediaFile;
import com.tikneuron.subtitle.service.VideoResolver;
import com.tikneuron.subtitle.service.VideoService;
import com.tikneuron.subtitle.tiktok.CaptionTrack;
import com.tikneuron.subtitle.tiktok.InvalidUrlException;
import com.tikneuron.subtitle.tiktok.TikTokUrl;
import com.tikneuron.subtitle.tiktok.TikTokUrls;
import com.tikneuron.subtitle.tiktok.VideoItem;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** The internal API for summary-service and diarization-service: no billing, cluster-internal only. */
@Path("/internal/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
public class VideoResource {

    private final VideoResolver resolver;
    private final VideoService videos;

    public VideoResource(VideoResolver resolver, VideoService videos) {
        this.resolver = resolver;
        this.videos = videos;
    }

    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Resolved> resolve(ResolveBody body) {
        return resolver.videoId(body == null ? null : body.url())
                .map(id -> new Resolved(id, TikTokUrl.canonical(id)));
    }

    @GET
    @Path("/{videoId}")
    public Uni<Metadata> metadata(@PathParam("videoId") String videoId) {
        return videos.metadata(checked(videoId)).map(VideoResource::metadata);
    }

    @GET
    @Path("/{videoId}/transcript")
    public Uni<TranscriptBody> transcript(@PathParam("videoId") String videoId, @QueryParam("language") String language) {
        String wanted = language == null || language.isBlank() ? null : language.strip();
        if (wanted != null && !LanguageCodes.VALID.matcher(wanted).matches()) {
            throw new InvalidLanguageException();
        }
        return videos.transcript(checked(videoId), wanted).map(t -> new TranscriptBody(t.videoId(), t.language(), t.source(), t.text(),
                t.cues().stream().map(c -> new TimedText(round(c.start()), round(c.end()), c.text())).toList()));
    }

    @GET
    @Path("/{videoId}/media")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<Buffer> media(@PathParam("videoId") String videoId, @QueryParam("kind") String kind) {
        // kind=video: the picture, for reading on-screen text; otherwise the cheapest media carrying the speech.
        boolean picture = "video".equals(kind);
        return RestMulti.fromUniResponse(videos.media(checked(videoId), picture), MediaFile::body, VideoResource::mediaHeaders,
                file -> 200);
    }

    private static Map<String, List<String>> mediaHeaders(MediaFile file) {
        return file.contentLength() == null
                ? Map.of("Content-Type", List.of(file.contentType()))
                : Map.of("Content-Type", List.of(file.contentType()), "Content-Length", List.of(file.contentLength().toString()));
    }

    private static String checked(String videoId) {
        if (!TikTokUrls.plausibleId(videoId)) {
            throw new InvalidUrlException();
        }
        return videoId;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static Metadata metadata(VideoItem item) {
        return new Metadata(item.videoId(), TikTokUrl.canonical(item.videoId()),
                new Author(item.authorUniqueId(), item.authorNickname()), item.description(), item.hashtags(),
                new Music(item.musicTitle(), item.musicAuthor()),
                new Stats(item.plays(), item.likes(), item.comments(), item.shares(), item.saves()),
                item.durationSeconds(), item.createdAt() == null ? null : item.createdAt().toString(), item.photoPost(),
                item.captions().stream().filter(CaptionTrack::usable)
                        .map(c -> new Caption(c.language(), c.source(), c.format())).distinct().toList(),
                item.images());
    }
}
