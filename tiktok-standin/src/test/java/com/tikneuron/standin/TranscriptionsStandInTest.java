package com.tikneuron.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in's OpenAI-compatible /v1/audio/transcriptions: verbose_json for sound, nothing for silence, faults. */
class TranscriptionsStandInTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final int RATE = 16_000;
    private static TikTokStandIn standIn;

    @BeforeAll
    static void start() throws Exception {
        standIn = TikTokStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @AfterEach
    void clearFaults() throws Exception {
        control("DELETE", null);
    }

    @Test
    void soundGetsTheScriptTimedInsideTheStretchesThatCarrySound() throws Exception {
        // Sound from 1 s to 4 s and from 6 s to 9 s, silence around it.
        HttpResponse<String> answer = transcribe(wav(10, new double[][] {{1, 4}, {6, 9}}), "whisper-1", "verbose_json");
        assertEquals(200, answer.statusCode(), answer.body());
        String body = answer.body();
        assertTrue(body.startsWith("{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":10.0,"), body);
        assertTrue(body.contains("\"text\":\"" + Spoken.text() + "\""), body);
        List<double[]> words = times(body, "\\{\"word\":\"[^\"]*\",\"start\":([0-9.]+),\"end\":([0-9.]+)}");
        assertEquals(Spoken.text().split(" ").length, words.size());
        for (double[] word : words) {
            boolean inside = (word[0] >= 0.99 && word[1] <= 4.05) || (word[0] >= 5.99 && word[1] <= 9.05);
            assertTrue(inside && word[1] > word[0], word[0] + " to " + word[1]);
        }
        assertEquals(Spoken.SCRIPT.size(), times(body, "\"seek\":0,\"start\":([0-9.]+),\"end\":([0-9.]+)").size());
        assertTrue(body.contains("\"no_speech_prob\":"), "Whisper's segment fields");
    }

    @Test
    void silenceGetsNoWords() throws Exception {
        HttpResponse<String> answer = transcribe(wav(5, new double[0][]), "whisper-1", "verbose_json");
        assertEquals(200, answer.statusCode());
        assertEquals("{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":5.0,\"text\":\"\",\"words\":[],\"segments\":[]}",
                answer.body());
    }

    @Test
    void requestsWithoutAModelOrAFileAreRefusedAsOpenAiDoes() throws Exception {
        HttpResponse<String> noModel = transcribe(wav(1, new double[0][]), null, "verbose_json");
        assertEquals(400, noModel.statusCode());
        assertTrue(noModel.body().contains("\"type\":\"invalid_request_error\",\"param\":\"model\""), noModel.body());
        HttpResponse<String> notWav = transcribe("not audio".getBytes(StandardCharsets.UTF_8), "whisper-1", "verbose_json");
        assertEquals(400, notWav.statusCode());
    }

    @Test
    void plannedFaultsAnswerTheNextCallsThenStop() throws Exception {
        int before = standIn.count("transcriptions", "calls");
        assertEquals(200, control("POST", "{\"status\":429,\"count\":2,\"retry_after\":1.5}").statusCode());
        byte[] audio = wav(2, new double[][] {{0.5, 1.5}});
        HttpResponse<String> limited = transcribe(audio, "whisper-1", "verbose_json");
        assertEquals(429, limited.statusCode());
        assertEquals("1.5", limited.headers().firstValue("Retry-After").orElse(null));
        assertTrue(limited.body().contains("rate_limit_exceeded"), limited.body());
        assertEquals(429, transcribe(audio, "whisper-1", "verbose_json").statusCode());
        assertEquals(200, transcribe(audio, "whisper-1", "verbose_json").statusCode());

        control("POST", "{\"status\":503,\"count\":1}");
        assertEquals(503, transcribe(audio, "whisper-1", "verbose_json").statusCode());
        control("POST", "{\"status\":200,\"count\":1}");
        HttpResponse<String> broken = transcribe(audio, "whisper-1", "verbose_json");
        assertEquals(200, broken.statusCode());
        assertTrue(!broken.body().endsWith("}"), "not JSON: " + broken.body());
        assertEquals(before + 5, standIn.count("transcriptions", "calls"));
        assertEquals(400, control("POST", "{\"status\":302}").statusCode());
    }

    private static List<double[]> times(String body, String regex) {
        List<double[]> times = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(body);
        while (matcher.find()) {
            times.add(new double[] {Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2))});
        }
        return times;
    }

    /** A 16 kHz mono WAV: a 220 Hz tone at about -12 dBFS where {@code sound} says, digital silence elsewhere. */
    private static byte[] wav(double seconds, double[][] sound) {
        int samples = (int) (seconds * RATE);
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            double t = i / (double) RATE;
            boolean on = false;
            for (double[] span : sound) {
                on |= t >= span[0] && t < span[1];
            }
            wav.putShort(on ? (short) (8000 * Math.sin(2 * Math.PI * 220 * t)) : 0);
        }
        return wav.array();
    }

    private static HttpResponse<String> transcribe(byte[] file, String model, String format) throws Exception {
        String boundary = "b" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (model != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.origin() + "/v1/audio/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> control(String method, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.origin() + "/__standin/speech-faults"))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
