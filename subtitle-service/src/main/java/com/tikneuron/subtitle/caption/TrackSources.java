package com.tikneuron.subtitle.caption;

import java.util.Locale;

/**
 * The public names of where a subtitle's words come from: TikTok's track sources ({@code LC} creator captions,
 * {@code ASR} TikTok's speech recognition, {@code MT} machine translation) and our own speech recognition.
 */
public final class TrackSources {

    public static final String CREATOR = "creator";
    public static final String TIKTOK_ASR = "tiktok_asr";
    public static final String MACHINE_TRANSLATION = "machine_translation";
    public static final String GENERATED = "generated";
    /** Read from the text the post shows on screen (mode auto, when it has neither captions nor speech). */
    public static final String ON_SCREEN_TEXT = "on_screen_text";

    private TrackSources() {
    }

    /** The public name of a TikTok track source; a source TikTok has not used before is passed on in lower case. */
    public static String publicName(String tiktokSource) {
        if (tiktokSource == null) {
            return TIKTOK_ASR;
        }
        return switch (tiktokSource.toUpperCase(Locale.ROOT)) {
            case "LC" -> CREATOR;
            case "ASR" -> TIKTOK_ASR;
            case "MT" -> MACHINE_TRANSLATION;
            default -> tiktokSource.toLowerCase(Locale.ROOT);
        };
    }
}
