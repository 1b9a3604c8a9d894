package com.tikneuron.diarization.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.tikneuron.testsupport.StandInServer;

/**
 * Plays a diarization server in both dialects the remote engine speaks: a WhisperX/pyannote-style
 * POST /diarize and OpenAI's POST /v1/audio/transcriptions with response_format=diarized_json. Both take a
 * multipart upload of the audio; the answers are realistic bodies of those servers for a two-speaker clip.
 */
public class RemoteEngineStandIn extends StandInServer {

    public static final String API_KEY = "sk-remote-stand-in";

    /** What one request carried: path, Authorization header and the multipart form fields (file as its size). */
    public record Upload(String path, String authorization, Map<String, String> fields) {
    }

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    public List<Upload> uploads() {
        return uploads;
    }

    public void shutdown() {
        stop();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (!("Bearer " + API_KEY).equals(authorization)) {
            send(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            send(exchange, 400, "{\"error\":{\"message\":\"multipart/form-data expected\"}}");
            return;
        }
        Map<String, String> fields = Multipart.fields(body, contentType.substring(contentType.indexOf('=') + 1));
        uploads.add(new Upload(path, authorization, fields));
        if (!fields.containsKey("file") || !fields.get("file").startsWith("RIFF")) {
            send(exchange, 400, "{\"error\":{\"message\":\"file must be a WAV upload\"}}");
            return;
        }
        if (path.equals("/diarize")) {
            send(exchange, 200, WHISPERX_ANSWER);
        } else if (path.equals("/v1/audio/transcriptions") && "diarized_json".equals(fields.get("response_format"))) {
            send(exchange, 200, OPENAI_ANSWER);
        } else {
            send(exchange, 404, "{\"error\":{\"message\":\"unknown route\"}}");
        }
    }

    static final String WHISPERX_ANSWER = """
            {"segments":[
              {"start":0.52,"end":3.1,"text":" Hey everyone, welcome back to my channel.","speaker":"SPEAKER_01",
               "words":[{"word":"Hey","start":0.52,"end":0.71,"score":0.91,"speaker":"SPEAKER_01"},
                        {"word":"everyone,","start":0.75,"end":1.2,"score":0.88,"speaker":"SPEAKER_01"},
                        {"word":"welcome","start":1.31,"end":1.68,"score":0.95,"speaker":"SPEAKER_01"},
                        {"word":"back","start":1.7,"end":1.93,"score":0.97,"speaker":"SPEAKER_01"},
                        {"word":"to","start":1.95,"end":2.04,"score":0.99,"speaker":"SPEAKER_01"},
                        {"word":"my","start":2.06,"end":2.3,"score":0.99,"speaker":"SPEAKER_01"},
                        {"word":"channel.","start":2.35,"end":3.1,"score":0.93,"speaker":"SPEAKER_01"}]},
              {"start":3.4,"end":5.9,"text":" Thanks for having me on your show today.","speaker":"SPEAKER_00",
               "words":[{"word":"Thanks","start":3.4,"end":3.72,"score":0.9,"speaker":"SPEAKER_00"},
                        {"word":"for","start":3.74,"end":3.86,"score":0.97,"speaker":"SPEAKER_00"},
                        {"word":"having","start":3.88,"end":4.2,"score":0.96,"speaker":"SPEAKER_00"},
                        {"word":"me","start":4.22,"end":4.35,"score":0.99,"speaker":"SPEAKER_00"},
                        {"word":"on","start":4.4,"end":4.52,"score":0.98,"speaker":"SPEAKER_00"},
                        {"word":"your","start":4.55,"end":4.75,"score":0.97,"speaker":"SPEAKER_00"},
                        {"word":"show","start":4.8,"end":5.1,"score":0.95,"speaker":"SPEAKER_00"},
                        {"word":"today.","start":5.15,"end":5.9,"score":0.9,"speaker":"SPEAKER_00"}]},
              {"start":6.3,"end":7.8,"text":" It is great to have you.","speaker":"SPEAKER_01",
               "words":[{"word":"It","start":6.3,"end":6.42},{"word":"is","start":6.45,"end":6.6},
                        {"word":"great","start":6.65,"end":7.0},{"word":"to","start":7.02,"end":7.12},
                        {"word":"have","start":7.15,"end":7.4},{"word":"you.","start":7.42,"end":7.8}]}
            ],
            "word_segments":[]}
            """;

    static final String OPENAI_ANSWER = """
            {"text":"Hey everyone, welcome back to my channel. Thanks for having me on your show today. It is great to have you.",
             "segments":[
              {"type":"transcript.text.segment","id":"seg_001","start":0.52,"end":3.1,"text":"Hey everyone, welcome back to my channel.","speaker":"A"},
              {"type":"transcript.text.segment","id":"seg_002","start":3.4,"end":5.9,"text":"Thanks for having me on your show today.","speaker":"B"},
              {"type":"transcript.text.segment","id":"seg_003","start":6.3,"end":7.8,"text":"It is great to have you.","speaker":"A"}],
             "usage":{"type":"duration","seconds":8}}
            """;

    /** Just enough multipart/form-data parsing for a stand-in: text fields by value, the file by its first bytes. */
    static final class Multipart {

        private Multipart() {
        }

        static Map<String, String> fields(byte[] body, String boundary) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            Map<String, String> fields = new java.util.HashMap<>();
            for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
                int headerEnd = part.indexOf("\r\n\r\n");
                int nameAt = part.indexOf("name=\"");
                if (headerEnd < 0 || nameAt < 0 || nameAt > headerEnd) {
                    continue;
                }
                String name = part.substring(nameAt + 6, part.indexOf('"', nameAt + 6));
                String value = part.substring(headerEnd + 4, Math.max(headerEnd + 4, part.length() - 2));
                fields.put(name, value);
            }
            return fields;
        }
    }
}
