package com.tikneuron.subtitle.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WebVTT as TikTok serves it, tolerating what it sends: a byte-order mark, CRLF or CR line ends, cue ids or
 * none, comma decimal marks, cue settings, markup spans, entities and empty cues. Blocks it cannot read are skipped.
 */
public final class WebVttParser {

    private static final Pattern TIMING = Pattern.compile(
            "^\\s*((?:\\d{1,3}:)?\\d{1,2}:\\d{1,2}[.,]\\d{1,3})\\s*-->\\s*((?:\\d{1,3}:)?\\d{1,2}:\\d{1,2}[.,]\\d{1,3})(?:\\s.*)?$");

    private WebVttParser() {
    }

    public static List<Cue> parse(String document) {
        String text = document.startsWith("\uFEFF") ? document.substring(1) : document;
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        List<Cue> cues = new ArrayList<>();
        for (String block : text.split("\n(?:[ \t]*\n)+")) {
            String[] lines = block.split("\n");
            int timing = -1;
            for (int i = 0; i < lines.length && timing < 0; i++) {
                if (lines[i].contains("-->")) {
                    timing = i;
                }
            }
            if (timing < 0 || lines[0].startsWith("NOTE") || lines[0].startsWith("STYLE") || lines[0].startsWith("REGION")) {
                continue;
            }
            Matcher times = TIMING.matcher(lines[timing]);
            if (!times.matches()) {
                continue;
            }
            double start = Timestamps.parse(times.group(1));
            double end = Timestamps.parse(times.group(2));
            List<String> body = new ArrayList<>();
            for (int i = timing + 1; i < lines.length; i++) {
                String line = CaptionText.clean(lines[i]);
                if (!line.isEmpty()) {
                    body.add(line);
                }
            }
            if (!body.isEmpty()) {
                cues.add(new Cue(start, Math.max(start, end), String.join("\n", body)));
            }
        }
        cues.sort((a, b) -> Double.compare(a.start(), b.start()));
        return cues;
    }
}
