package com.tikneuron.diarization.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.client.MultipartForm;
import com.tikneuron.diarization.speech.Transcript;

/**
 * A diarization server reached over HTTP, with the audio uploaded as a WAV file (multipart/form-data).
 * Protocol "whisperx": POST {url}/diarize, answered {"segments":[{start,end,text,speaker,words:[{word,start,end}]}]}
 * as WhisperX/pyannote servers do. Protocol "openai": POST {url}/audio/transcriptions with
 * response_format=diarized_json, answered {"text","segments":[{type,id,start,end,text,speaker}]}; those
 * segments carry no word timings, so their word lists stay empty.
 */
public class RemoteEngine implements DiarizationEngine {

    public static final String WHISPERX = "whisperx";
    public static final String OPENAI = "openai";
    private static final int ERROR_EXCERPT = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String url;
    private final String apiKey;
    private final String protocol;
    private final String model;
    private final Duration timeout;

    public RemoteEngine(String url, String apiKey, String protocol, String model, Duration timeout) {
        if (!WHISPERX.equals(protocol) && !OPENAI.equals(protocol)) {
            throw new IllegalArgumentException("remote protocol must be whisperx or openai, not " + protocol);
        }
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.apiKey = apiKey;
        this.protocol = protocol;
        this.model = model;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return "remote-" + protocol + (OPENAI.equals(protocol) ? "-" + model : "");
    }

    @Override
    public List<Segment> diarize(Audio audio, Supplier<Transcript> unused, SpeakerHints hints) {
        MultipartForm body = new MultipartForm();
        body.file("file", "audio.wav", "audio/wav", audio.toWav());
        String path;
        if (OPENAI.equals(protocol)) {
            // The OpenAI dialect has no speaker-count parameter: hints are not sent.
            path = "/audio/transcriptions";
            body.field("model", model);
            body.field("response_format", "diarized_json");
            body.field("chunking_strategy", "auto");
        } else {
            path = "/diarize";
            // WhisperX's diarization pipeline takes its count bounds as min_speakers and max_speakers.
            if (hints.min() > 0) {
                body.field("min_speakers", String.valueOf(hints.min()));
            }
            if (hints.max() > 0) {
                body.field("max_speakers", String.valueOf(hints.max()));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(timeout)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.finish()));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineFailedException("The diarization engine is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailedException("The diarization engine call was interrupted", e);
        }
        if (response.statusCode() != 200) {
            String excerpt = response.body() == null ? "" : response.body();
            throw new EngineFailedException("The diarization engine answered HTTP " + response.statusCode(),
                    new IllegalStateException(excerpt.substring(0, Math.min(ERROR_EXCERPT, excerpt.length()))));
        }
        List<Segment> segments = parse(response.body());
        if (segments.isEmpty()) {
            throw new EngineFailedException(EngineFailedException.NO_SPEECH);
        }
        return SpeakerLabels.relabel(segments);
    }

    List<Segment> parse(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new EngineFailedException("The diarization engine answered something unreadable", e);
        }
        List<Segment> segments = new ArrayList<>();
        for (JsonNode node : root.path("segments")) {
            String text = node.path("text").asText("").strip();
            if (text.isEmpty()) {
                continue;
            }
            List<Word> words = new ArrayList<>();
            for (JsonNode word : node.path("words")) {
                if (word.hasNonNull("start") && word.hasNonNull("end")) {
                    words.add(new Word(word.path("word").asText("").strip(), word.path("start").asDouble(),
                            word.path("end").asDouble()));
                }
            }
            String speaker = node.path("speaker").asText("unknown");
            segments.add(new Segment(speaker, node.path("start").asDouble(), node.path("end").asDouble(), text, words));
        }
        return segments;
    }
}
