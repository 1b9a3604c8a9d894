package com.tikneuron.standin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in for an OpenAI-compatible speech server's {@code POST /v1/audio/transcriptions} (Whisper's
 * {@code verbose_json} with word and segment timestamps). It cannot recognise speech: it answers with the script the
 * stand-in's spoken videos say ({@link Spoken#SCRIPT}), its words laid over the stretches of the uploaded WAV that
 * carry sound, and with no words at all for silence. Faults on demand: the next n calls answer a status (429 with
 * Retry-After, 500, 503…) or a body that is not verbose_json.
 */
final class Transcriptions {

    /** A planned fault: the next {@code remaining} calls answer {@code status} (or, with status 200, a broken body). */
    record Fault(int status, int remaining, double retryAfter) {

        Fault {
            if (status != 200 && (status < 400 || status > 599)) {
                throw new IllegalArgumentException("status must be 200 (a malformed body) or 400 to 599");
            }
            if (remaining < 0 || remaining > 1000) {
                throw new IllegalArgumentException("count must be between 0 and 1000");
            }
        }

        String json() {
            return "{\"status\":" + status + ",\"count\":" + remaining + ",\"retry_after\":" + retryAfter + "}";
        }
    }

    /** An answer: status, headers and JSON body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private static final double FRAME = 0.02;
    private static final double JOIN_GAP = 0.35;
    private static final double MIN_STRETCH = 0.1;

    private Fault fault = new Fault(500, 0, 0);

    synchronized void plan(Fault next) {
        fault = next;
    }

    synchronized Fault planned() {
        return fault;
    }

    private synchronized Fault take() {
        if (fault.remaining() == 0) {
            return null;
        }
        Fault current = fault;
        fault = new Fault(current.status(), current.remaining() - 1, current.retryAfter());
        return current;
    }

    Answer answer(String contentType, byte[] body) {
        Map<String, byte[]> parts = Multipart.parse(contentType, body);
        if (parts == null || !parts.containsKey("file")) {
            return error(400, "Could not parse multipart form: a file is required", "file");
        }
        if (!parts.containsKey("model")) {
            return error(400, "you must provide a model parameter", "model");
        }
        String format = text(parts.get("response_format"), "json");
        if (!List.of("json", "text", "verbose_json").contains(format)) {
            return error(400, "response_format must be json, text or verbose_json", "response_format");
        }
        Fault now = take();
        if (now != null) {
            if (now.status() == 200) {
                return new Answer(200, Map.of(), "{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":");
            }
            Map<String, String> headers = new HashMap<>();
            if (now.status() == 429 && now.retryAfter() > 0) {
                headers.put("Retry-After", String.valueOf(now.retryAfter()));
            }
            return new Answer(now.status(), headers, errorBody(now.status() == 429 ? "Rate limit reached for requests"
                    : "The server had an error while processing your request", now.status() == 429 ? "rate_limit_exceeded" : "server_error", null));
        }
        short[] samples;
        int rate;
        try {
            ByteBuffer wav = ByteBuffer.wrap(parts.get("file")).order(ByteOrder.LITTLE_ENDIAN);
            rate = wavRate(wav);
            samples = wavSamples(wav);
        } catch (RuntimeException notWav) {
            return error(400, "Invalid file format. Supported formats: ['wav']", "file");
        }
        String language = languageName(text(parts.get("language"), "en"));
        return new Answer(200, Map.of(), verboseJson(samples, rate, language));
    }

    private static String verboseJson(short[] samples, int rate, String language) {
        double duration = samples.length / (double) rate;
        List<double[]> stretches = stretches(samples, rate);
        StringBuilder words = new StringBuilder();
        StringBuilder segments = new StringBuilder();
        StringBuilder text = new StringBuilder();
        if (!stretches.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (String sentence : Spoken.SCRIPT) {
                all.addAll(List.of(sentence.split(" ")));
            }
            double voiced = 0;
            for (double[] stretch : stretches) {
                voiced += stretch[1] - stretch[0];
            }
            int letters = 0;
            for (String word : all) {
                letters += word.length() + 1;
            }
            double perLetter = voiced / letters;
            double along = 0;
            int index = 0;
            int segmentId = 0;
            for (String sentence : Spoken.SCRIPT) {
                String[] sentenceWords = sentence.split(" ");
                double segmentStart = -1;
                double segmentEnd = 0;
                for (String word : sentenceWords) {
                    double start = place(stretches, along);
                    along += (word.length() + 1) * perLetter;
                    double end = Math.max(start + 0.05, Math.min(place(stretches, along - perLetter), stretchEnd(stretches, start)));
                    if (segmentStart < 0) {
                        segmentStart = start;
                    }
                    segmentEnd = end;
                    words.append(index++ == 0 ? "" : ",").append("{\"word\":").append(Json.quote(word))
                            .append(",\"start\":").append(round(start)).append(",\"end\":").append(round(end)).append('}');
                }
                segments.append(segmentId == 0 ? "" : ",").append("{\"id\":").append(segmentId).append(",\"seek\":0,\"start\":")
                        .append(round(segmentStart)).append(",\"end\":").append(round(segmentEnd)).append(",\"text\":")
                        .append(Json.quote(" " + sentence)).append(",\"tokens\":[").append(50364 + segmentId)
                        .append("],\"temperature\":0.0,\"avg_logprob\":-0.21,\"compression_ratio\":1.32,\"no_speech_prob\":0.012}");
                segmentId++;
                text.append(text.isEmpty() ? "" : " ").append(sentence);
            }
        }
        return "{\"task\":\"transcribe\",\"language\":" + Json.quote(language) + ",\"duration\":" + round(duration)
                + ",\"text\":" + Json.quote(text.toString()) + ",\"words\":[" + words + "],\"segments\":[" + segments + "]}";
    }

    /** Where a point of voiced time falls in the audio. */
    private static double place(List<double[]> stretches, double voicedTime) {
        double left = voicedTime;
        for (double[] stretch : stretches) {
            double length = stretch[1] - stretch[0];
            if (left <= length) {
                return stretch[0] + left;
            }
            left -= length;
        }
        return stretches.getLast()[1];
    }

    private static double stretchEnd(List<double[]> stretches, double time) {
        for (double[] stretch : stretches) {
            if (time >= stretch[0] && time <= stretch[1]) {
                return stretch[1];
            }
        }
        return time + 0.05;
    }

    /** The stretches with sound: 20 ms frames louder than about -40 dBFS, short gaps joined, clicks dropped. */
    private static List<double[]> stretches(short[] samples, int rate) {
        int frame = Math.max(1, (int) (FRAME * rate));
        List<double[]> stretches = new ArrayList<>();
        double[] open = null;
        for (int offset = 0; offset + frame <= samples.length; offset += frame) {
            double energy = 0;
            for (int i = offset; i < offset + frame; i++) {
                energy += samples[i] * (double) samples[i];
            }
            boolean loud = Math.sqrt(energy / frame) > 330;
            double time = offset / (double) rate;
            if (loud && open != null && time - open[1] <= JOIN_GAP) {
                open[1] = time + FRAME;
            } else if (loud) {
                if (open != null && open[1] - open[0] >= MIN_STRETCH) {
                    stretches.add(open);
                }
                open = new double[] {time, time + FRAME};
            }
        }
        if (open != null && open[1] - open[0] >= MIN_STRETCH) {
            stretches.add(open);
        }
        return stretches;
    }

    private static int wavRate(ByteBuffer wav) {
        if (wav.getInt(0) != 0x46464952 || wav.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not RIFF/WAVE");
        }
        int offset = 12;
        while (offset + 8 <= wav.limit()) {
            int id = wav.getInt(offset);
            int size = wav.getInt(offset + 4);
            if (id == 0x20746d66) {
                if (wav.getShort(offset + 8) != 1 || wav.getShort(offset + 10) != 1 || wav.getShort(offset + 22) != 16) {
                    throw new IllegalArgumentException("only 16-bit mono PCM");
                }
                return wav.getInt(offset + 12);
            }
            offset += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no fmt chunk");
    }

    private static short[] wavSamples(ByteBuffer wav) {
        int offset = 12;
        while (offset + 8 <= wav.limit()) {
            int id = wav.getInt(offset);
            int size = wav.getInt(offset + 4);
            if (id == 0x61746164) {
                int length = Math.min(size, wav.limit() - offset - 8) / 2;
                short[] samples = new short[length];
                wav.position(offset + 8);
                wav.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
                return samples;
            }
            offset += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private static String languageName(String code) {
        String name = Locale.of(code).getDisplayLanguage(Locale.ENGLISH);
        return (name.isBlank() ? code : name).toLowerCase(Locale.ROOT);
    }

    private static String text(byte[] part, String absent) {
        return part == null ? absent : new String(part, StandardCharsets.UTF_8).strip();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }

    private static Answer error(int status, String message, String param) {
        return new Answer(status, Map.of(), errorBody(message, "invalid_request_error", param));
    }

    private static String errorBody(String message, String type, String param) {
        return "{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":" + Json.quote(type) + ",\"param\":"
                + (param == null ? "null" : Json.quote(param)) + ",\"code\":null}}";
    }

    /** Just enough of multipart/form-data to read a form's fields and one file; the last value of a name wins. */
    static final class Multipart {

        private Multipart() {
        }

        static Map<String, byte[]> parse(String contentType, byte[] body) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                return null;
            }
            int at = contentType.indexOf("boundary=");
            if (at < 0) {
                return null;
            }
            String boundaryValue = contentType.substring(at + "boundary=".length()).split(";")[0].replace("\"", "").strip();
            byte[] boundary = ("--" + boundaryValue).getBytes(StandardCharsets.ISO_8859_1);
            Map<String, byte[]> parts = new HashMap<>();
            int start = indexOf(body, boundary, 0);
            while (start >= 0) {
                int headersStart = start + boundary.length + 2;
                int next = indexOf(body, boundary, headersStart);
                if (next < 0 || headersStart > body.length) {
                    break;
                }
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                if (headersEnd < 0 || headersEnd > next) {
                    break;
                }
                String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
                int nameAt = headers.indexOf("name=\"");
                if (nameAt >= 0) {
                    String name = headers.substring(nameAt + 6, headers.indexOf('"', nameAt + 6));
                    int contentStart = headersEnd + 4;
                    int contentEnd = Math.max(contentStart, next - 2);
                    byte[] content = new byte[contentEnd - contentStart];
                    System.arraycopy(body, contentStart, content, 0, content.length);
                    parts.put(name, content);
                }
                start = next;
            }
            return parts;
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
