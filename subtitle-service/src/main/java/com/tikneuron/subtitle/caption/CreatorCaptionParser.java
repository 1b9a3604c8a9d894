package com.tikneuron.subtitle.caption;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads TikTok's {@code creator_caption} JSON: a list of utterances with millisecond times. The layout is not
 * documented, so the common spellings are accepted and anything unreadable is skipped rather than failed.
 */
public final class CreatorCaptionParser {

    private CreatorCaptionParser() {
    }

    public static List<Cue> parse(ObjectMapper mapper, byte[] document) {
        JsonNode root;
        try {
            root = mapper.readTree(document);
        } catch (IOException e) {
            return List.of();
        }
        JsonNode list = root == null ? null : root.isArray() ? root : first(root, "utterances", "captions", "subtitles", "cues");
        List<Cue> cues = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return cues;
        }
        for (JsonNode entry : list) {
            JsonNode text = first(entry, "text", "content", "caption");
            JsonNode start = first(entry, "start_time", "startTime", "start_ms", "start");
            JsonNode end = first(entry, "end_time", "endTime", "end_ms", "end");
            if (text == null || !text.isTextual() || start == null || !start.isNumber() || end == null || !end.isNumber()) {
                continue;
            }
            String clean = CaptionText.clean(text.asText());
            if (!clean.isEmpty()) {
                double from = start.asDouble() / 1000;
                cues.add(new Cue(from, Math.max(from, end.asDouble() / 1000), clean));
            }
        }
        cues.sort((a, b) -> Double.compare(a.start(), b.start()));
        return cues;
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            if (node.has(name)) {
                return node.get(name);
            }
        }
        return null;
    }
}
