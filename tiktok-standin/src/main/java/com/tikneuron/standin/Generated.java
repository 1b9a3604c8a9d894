package com.tikneuron.standin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Videos that exist for any id {@code 7399} followed by 15 digits: public, by {@code @loadtest}, with one English
 * caption track whose cues are picked from a fixed set of sentences by the id, so different ids read differently.
 */
final class Generated {

    static final Pattern ID = Pattern.compile("^7399\\d{15}$");
    private static final Pattern CAPTION_PATH = Pattern.compile("^/tos/captions/(7399\\d{15})/eng-US\\.vtt$");
    private static final int CUES = 5;
    private static final List<String> SENTENCES = List.of(
            "Welcome back to the channel everyone",
            "Today we are trying something new",
            "The weather turned cold this morning",
            "I bought fresh bread at the corner bakery",
            "My neighbour has a very loud dog",
            "We walked along the river after lunch",
            "This recipe needs only four ingredients",
            "Let me know what you think in the comments",
            "The train was late again this evening",
            "I finally finished reading that long novel",
            "Our garden has tomatoes and green beans",
            "The museum opens at ten on weekdays",
            "Remember to drink enough water today",
            "She painted the kitchen a pale yellow",
            "The concert tickets sold out in minutes",
            "He fixed the bicycle with a single wrench",
            "We are saving up for a trip to the coast",
            "The library has a new section for maps",
            "Coffee tastes better from a warm cup",
            "The children built a fort out of blankets",
            "Rain is expected for the rest of the week",
            "I practise the guitar every night before bed",
            "The market sells cheese from three farms",
            "Thanks for watching and see you tomorrow");

    private Generated() {
    }

    static boolean isGenerated(String id) {
        return ID.matcher(id).matches();
    }

    /** The item JSON of a generated video, from the template in {@code fixtures/generated/item.json}. */
    static String itemJson(String template, String id) {
        return template.replace("{{id}}", id);
    }

    /** The caption file for a CDN path, when the path names a generated video's English track. */
    static byte[] captionFor(String path) {
        var matcher = CAPTION_PATH.matcher(path);
        return matcher.matches() ? vtt(matcher.group(1)).getBytes(StandardCharsets.UTF_8) : null;
    }

    /** The WebVTT track of a generated video: a few cues of three seconds, chosen by the id's digits. */
    static String vtt(String id) {
        long n = Long.parseLong(id.substring(4));
        StringBuilder vtt = new StringBuilder("WEBVTT\r\n\r\n");
        for (int cue = 0; cue < CUES; cue++) {
            String sentence = SENTENCES.get((int) (n % SENTENCES.size()));
            n /= SENTENCES.size();
            vtt.append("\r\n").append(timestamp(cue * 3000 + 120)).append(" --> ").append(timestamp(cue * 3000 + 2900))
                    .append("\r\n").append(sentence).append("\r\n");
        }
        return vtt.toString();
    }

    private static String timestamp(int millis) {
        return String.format("%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }
}
