package com.tikneuron.subtitle.config;

import io.smallrye.config.ConfigMapping;

/** Generated subtitles: what our speech recognition costs the customer. */
@ConfigMapping(prefix = "tikneuron.speech")
public interface SpeechConfig {

    /** Credits per started minute of audio for a transcript that has to be made (a cached one is free). */
    int creditsPerMinute();
}
