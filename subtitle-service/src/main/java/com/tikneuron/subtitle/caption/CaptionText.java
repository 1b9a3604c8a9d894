package com.tikneuron.subtitle.caption;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cleans one line of caption text: markup tags out, HTML entities decoded, whitespace collapsed. */
final class CaptionText {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", " ", "lrm", "", "rlm", "");

    private CaptionText() {
    }

    static String clean(String line) {
        String text = TAG.matcher(line).replaceAll("");
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(decode(entity.group(1), entity.group())));
        }
        entity.appendTail(out);
        return out.toString().replace('\u00a0', ' ').replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }

    private static String decode(String body, String whole) {
        if (body.startsWith("#")) {
            try {
                int code = body.startsWith("#x") || body.startsWith("#X")
                        ? Integer.parseInt(body.substring(2), 16) : Integer.parseInt(body.substring(1));
                return Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "";
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        return NAMED.getOrDefault(body.toLowerCase(), whole);
    }
}
