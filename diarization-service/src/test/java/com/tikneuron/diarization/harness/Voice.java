package com.tikneuron.diarization.harness;

/** An espeak-ng voice: variant (timbre), pitch 0-99 and speed in words per minute. */
record Voice(String variant, int pitch, int speed) {

    // Median pitches measured with the speaker stage's own tracker: about 78, 89, 121, 163, 137, 178, 262, 333 Hz.
    static final Voice[] POOL = {
        new Voice("en-us", 15, 165),
        new Voice("en-us+m1", 45, 150),
        new Voice("en-us+m3", 65, 180),
        new Voice("en-us+m7", 95, 160),
        new Voice("en-us+f2", 10, 170),
        new Voice("en-us+f4", 50, 150),
        new Voice("en-us+f5", 75, 185),
        new Voice("en-us+f3", 99, 160),
    };
}
