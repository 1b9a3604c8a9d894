package com.tikneuron.gateway.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.tiktok.TikTokUrls;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answers test keys get: fixed sample content (resources under samples/) in the exact shape of each
 * capability's 200 body, marked {@code "sample": true}. Nothing is fetched, computed, cached or charged.
 */
@ApplicationScoped
public class SampleAnswers {

    /** The video of the public contract's examples, named when the URL does not carry an id (short links). */
    static final String SAMPLE_VIDEO_ID = "7354861484037524768";

    private static final String JSON = "application/json";
    private static final List<String> FORMATS = Capability.Field.FORMAT.allowed();
    // The sample subtitles are one English speech-recognition track, as subtitle-service describes its tracks.
    private static final String SUBTITLE_LANGUAGE = "eng-US";
    private static final String SUBTITLE_SOURCE = "tiktok_asr";

    private final ObjectMapper mapper;
    private final Map<Capability, Map<String, String>> transcripts = new EnumMap<>(Capability.class);
    private final Map<String, Summary> summaries;

    SampleAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
        transcripts.put(Capability.SUBTITLE, formats("subtitle"));
        transcripts.put(Capability.DIARIZATION, formats("diarization"));
        try {
            summaries = mapper.readValue(resource("summaries.json"), new TypeReference<Map<String, Summary>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("samples/summaries.json is not readable", e);
        }
        List<String> missing = Capability.Field.LANGUAGE.allowed().stream()
                .filter(language -> !summaries.containsKey(language)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("samples/summaries.json lacks the languages " + missing);
        }
    }

    /** The sample answer to a validated request (defaults filled in), with no credits charged. */
    public DownstreamReply answer(Capability capability, ObjectNode request) {
        String videoId = TikTokUrls.videoId(request.path("url").asText()).orElse(SAMPLE_VIDEO_ID);
        Object body = switch (capability) {
            case SUBTITLE -> {
                String format = request.path("format").asText();
                yield new SubtitleSample(videoId, transcripts.get(capability).get(format), format, false, FORMATS,
                        SUBTITLE_LANGUAGE, SUBTITLE_SOURCE, List.of(SUBTITLE_LANGUAGE), true);
            }
            case SUMMARY -> {
                String type = request.path("summary_type").asText();
                String language = request.path("language").asText();
                yield new SummarySample(videoId, summaries.get(language).as(type), type, language, false, true);
            }
            case DIARIZATION -> {
                String format = request.path("format").asText();
                yield new DiarizationSample(videoId, transcripts.get(capability).get(format), format, false, FORMATS,
                        true);
            }
        };
        try {
            return new DownstreamReply(200, JSON, "0", null, mapper.writeValueAsBytes(body), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A sample answer always serializes", e);
        }
    }

    private static Map<String, String> formats(String capability) {
        return FORMATS.stream().collect(Collectors.toUnmodifiableMap(format -> format,
                format -> new String(resource(capability + "-" + format + ".txt"), StandardCharsets.UTF_8)));
    }

    private static byte[] resource(String name) {
        try (InputStream in = SampleAnswers.class.getClassLoader().getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("samples/" + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("samples/" + name + " is not readable", e);
        }
    }

    /** One language's sample summary; each summary_type is drawn from it. */
    @RegisterForReflection
    record Summary(String tldr, List<String> takeaways, String sentiment, String cta, String textual) {

        Object as(String summaryType) {
            return switch (summaryType) {
                case "textual" -> textual;
                case "structured" -> new Structured(tldr, takeaways, sentiment, cta);
                default -> takeaways.stream().map(point -> "- " + point).collect(Collectors.joining("\n"));
            };
        }
    }

    @JsonPropertyOrder({ "tldr", "takeaways", "sentiment", "cta" })
    @RegisterForReflection
    record Structured(String tldr, List<String> takeaways, String sentiment, String cta) {
    }

    @JsonPropertyOrder({ "video_id", "subtitle_content", "format", "cached", "available_formats", "language", "source",
            "available_languages", "sample" })
    @RegisterForReflection
    record SubtitleSample(
            @JsonProperty("video_id") String videoId,
            @JsonProperty("subtitle_content") String subtitleContent,
            String format,
            boolean cached,
            @JsonProperty("available_formats") List<String> availableFormats,
            String language,
            String source,
            @JsonProperty("available_languages") List<String> availableLanguages,
            boolean sample) {
    }

    @JsonPropertyOrder({ "video_id", "summary", "summary_type", "language", "cached", "sample" })
    @RegisterForReflection
    record SummarySample(
            @JsonProperty("video_id") String videoId,
            Object summary,
            @JsonProperty("summary_type") String summaryType,
            String language,
            boolean cached,
            boolean sample) {
    }

    @JsonPropertyOrder({ "video_id", "transcription_content", "format", "cached", "available_formats", "sample" })
    @RegisterForReflection
    record DiarizationSample(
            @JsonProperty("video_id") String videoId,
            @JsonProperty("transcription_content") String transcriptionContent,
            String format,
            boolean cached,
            @JsonProperty("available_formats") List<String> availableFormats,
            boolean sample) {
    }
}
