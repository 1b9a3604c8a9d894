package com.tikneuron.summary.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a model's answer against the requested shape and tidies what models habitually add around it
 * (preambles, markdown bullets, code fences, reasoning blocks). An answer that cannot be tidied is refused.
 */
@ApplicationScoped
public class AnswerNormalizer {

    /** The tidied answer, or the problem found in it. */
    public record Result(String text, String problem) {

        static Result ok(String text) {
            return new Result(text, null);
        }

        static Result bad(String problem) {
            return new Result(null, problem);
        }

        public boolean isOk() {
            return problem == null;
        }
    }

    static final Set<String> SENTIMENTS = Set.of("positive", "negative", "neutral", "mixed");
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
    private static final Pattern FENCE = Pattern.compile("(?s)^```[a-zA-Z]*\\s*(.*?)\\s*```$");
    private static final Pattern BULLET = Pattern.compile("^(?:[-*•–—]|\\d{1,2}[.)])\\s+(.+)$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+.*$");
    // Openers models put before the answer, in the eight output languages.
    private static final Pattern PREAMBLE = Pattern.compile("^(?:here(?:'s| is| are)|sure|certainly|of course|okay|"
            + "below is|aquí|aqui|claro|voici|bien sûr|hier (?:ist|sind)|gerne|berikut|tentu|ecco|certo|her er|"
            + "selvfølgelig|إليك|بالتأكيد).*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final int MAX_TEXTUAL_CHARS = 3000;
    private static final int MAX_LINE_CHARS = 400;

    private final ObjectMapper mapper;

    public AnswerNormalizer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Result normalize(SummaryType type, String raw) {
        String text = unwrap(raw);
        if (text.isEmpty()) {
            return Result.bad("the answer was empty");
        }
        return switch (type) {
            case BULLETPOINT -> bullets(text);
            case TEXTUAL -> prose(text);
            case STRUCTURED -> structured(text);
        };
    }

    /** Bullet lines with the "- " marker only, as map-step notes; preamble and blank lines dropped. */
    public String notes(String raw) {
        List<String> lines = new ArrayList<>();
        for (String line : unwrap(raw).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !isPreamble(trimmed) && !HEADING.matcher(trimmed).matches()) {
                Matcher bullet = BULLET.matcher(trimmed);
                lines.add("- " + (bullet.matches() ? bullet.group(1).strip() : trimmed));
            }
        }
        return String.join("\n", lines);
    }

    private static String unwrap(String raw) {
        String text = raw == null ? "" : THINKING.matcher(raw).replaceAll("").replace("\r\n", "\n").strip();
        Matcher fence = FENCE.matcher(text);
        return fence.matches() ? fence.group(1).strip() : text;
    }

    private static boolean isPreamble(String line) {
        return PREAMBLE.matcher(line).matches() && (line.endsWith(":") || line.length() < 80)
                || line.endsWith(":") && line.length() < 80 && !BULLET.matcher(line).matches();
    }

    private static Result bullets(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip().replace("**", "");
            if (!trimmed.isEmpty() && !HEADING.matcher(trimmed).matches()) {
                lines.add(trimmed);
            }
        }
        while (!lines.isEmpty() && !BULLET.matcher(lines.get(0)).matches() && isPreamble(lines.get(0))) {
            lines.remove(0);
        }
        // A closing remark after the list ("Let me know if…") is dropped; text between bullets is not tolerated.
        while (!lines.isEmpty() && !BULLET.matcher(lines.get(lines.size() - 1)).matches() && lines.size() > 3) {
            lines.remove(lines.size() - 1);
        }
        List<String> bullets = new ArrayList<>();
        for (String line : lines) {
            Matcher bullet = BULLET.matcher(line);
            if (!bullet.matches()) {
                return Result.bad("a line did not start with \"- \"");
            }
            String point = bullet.group(1).strip();
            if (point.length() > MAX_LINE_CHARS) {
                return Result.bad("a bullet was far too long");
            }
            bullets.add("- " + point);
        }
        if (bullets.size() < 3 || bullets.size() > 7) {
            return Result.bad("expected 3 to 7 bullet lines, got " + bullets.size());
        }
        return Result.ok(String.join("\n", bullets));
    }

    private static Result prose(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        while (!lines.isEmpty() && (lines.get(0).isBlank() || isPreamble(lines.get(0).strip())
                || HEADING.matcher(lines.get(0).strip()).matches())) {
            lines.remove(0);
        }
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (BULLET.matcher(trimmed).matches() || HEADING.matcher(trimmed).matches()) {
                return Result.bad("it contained a list or a heading instead of prose");
            }
            current.append(current.isEmpty() ? "" : " ").append(trimmed.replace("**", ""));
        }
        if (!current.isEmpty()) {
            paragraphs.add(current.toString());
        }
        if (paragraphs.isEmpty()) {
            return Result.bad("the answer was empty");
        }
        if (paragraphs.size() > 3) {
            return Result.bad("expected one to three paragraphs, got " + paragraphs.size());
        }
        String joined = String.join("\n\n", paragraphs);
        if (joined.length() > MAX_TEXTUAL_CHARS) {
            return Result.bad("the paragraphs were far too long");
        }
        return Result.ok(joined);
    }

    private Result structured(String text) {
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open < 0 || close < open) {
            return Result.bad("it was not a JSON object");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text.substring(open, close + 1));
        } catch (JsonProcessingException e) {
            return Result.bad("it was not valid JSON");
        }
        String tldr = nonBlankText(node.get("tldr"));
        String cta = nonBlankText(node.get("cta"));
        String sentiment = nonBlankText(node.get("sentiment"));
        JsonNode takeaways = node.get("takeaways");
        if (tldr == null || cta == null || sentiment == null || takeaways == null || !takeaways.isArray()) {
            return Result.bad("it lacked one of tldr, takeaways, sentiment, cta");
        }
        sentiment = sentiment.toLowerCase(Locale.ROOT);
        if (!SENTIMENTS.contains(sentiment)) {
            return Result.bad("sentiment was not one of positive, negative, neutral, mixed");
        }
        ObjectNode clean = mapper.createObjectNode();
        clean.put("tldr", tldr);
        ArrayNode items = clean.putArray("takeaways");
        for (JsonNode item : takeaways) {
            String value = nonBlankText(item);
            if (value == null) {
                return Result.bad("a takeaway was not a text");
            }
            items.add(value);
        }
        if (items.isEmpty() || items.size() > 7) {
            return Result.bad("expected 3 to 5 takeaways, got " + items.size());
        }
        clean.put("sentiment", sentiment);
        clean.put("cta", cta);
        return Result.ok(clean.toString());
    }

    private static String nonBlankText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
    }
}
