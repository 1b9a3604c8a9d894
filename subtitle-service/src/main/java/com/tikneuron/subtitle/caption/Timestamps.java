package com.tikneuron.subtitle.caption;

import java.util.Locale;

/** Caption timestamps: reading {@code [HH:]MM:SS.mmm} (or with a comma) and writing WebVTT and SRT forms. */
final class Timestamps {

    private Timestamps() {
    }

    static double parse(String stamp) {
        String[] parts = stamp.replace(',', '.').split(":");
        double seconds = Double.parseDouble(parts[parts.length - 1]);
        double minutes = Double.parseDouble(parts[parts.length - 2]);
        double hours = parts.length == 3 ? Double.parseDouble(parts[0]) : 0;
        return hours * 3600 + minutes * 60 + seconds;
    }

    static String vtt(double seconds) {
        return format(seconds, '.');
    }

    static String srt(double seconds) {
        return format(seconds, ',');
    }

    private static String format(double seconds, char mark) {
        long millis = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, mark, millis % 1000);
    }
}
