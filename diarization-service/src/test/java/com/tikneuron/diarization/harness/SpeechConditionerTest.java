package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.engine.Audio;

/** The background subtraction before recognition: a steady chord under bursts of "speech" tones. */
class SpeechConditionerTest {

    private static final int RATE = Audio.SAMPLE_RATE;
    private final SpeechConditioner conditioner = new SpeechConditioner(SpeechConditioner.DEFAULTS);

    @Test
    void cleanRecordingIsLeftAlone() {
        Audio clean = new Audio(signal(10, 0, 0.2));
        assertSame(clean, conditioner.condition(clean));
    }

    @Test
    void steadyBackgroundIsRemovedAndTheForegroundKept() {
        Audio mixed = new Audio(signal(10, 0.02, 0.2));
        Audio foregroundOnly = new Audio(signal(10, 0, 0.2));
        short[] conditioned = conditioner.condition(mixed).samples();
        assertEquals(mixed.samples().length, conditioned.length);

        // Between the bursts only the background plays: it must drop by well over 10 dB.
        double before = levelDb(mixed.samples(), false);
        double after = levelDb(conditioned, false);
        assertTrue(before - after > 10, "background " + before + " dB before, " + after + " dB after");
        // During the bursts the foreground's level stays within 1.5 dB of what it is without any background.
        double foreground = levelDb(foregroundOnly.samples(), true);
        double kept = levelDb(conditioned, true);
        assertTrue(Math.abs(foreground - kept) < 1.5, "foreground " + foreground + " dB, after conditioning " + kept + " dB");
    }

    /** A chord (110, 165, 220 Hz) of the given amplitude throughout, tone bursts (0.5, 1.5, 2.5 kHz) 1 s of every 2 s. */
    private static short[] signal(int seconds, double background, double foreground) {
        short[] samples = new short[seconds * RATE];
        for (int i = 0; i < samples.length; i++) {
            double t = i / (double) RATE;
            double x = background * (Math.sin(2 * Math.PI * 110 * t) + Math.sin(2 * Math.PI * 165 * t)
                    + Math.sin(2 * Math.PI * 220 * t)) / 3;
            if (inBurst(i)) {
                x += foreground * (Math.sin(2 * Math.PI * 500 * t) + Math.sin(2 * Math.PI * 1500 * t)
                        + Math.sin(2 * Math.PI * 2500 * t)) / 3;
            }
            samples[i] = (short) Math.round(x * 32767);
        }
        return samples;
    }

    private static boolean inBurst(int sample) {
        return (sample / RATE) % 2 == 1;
    }

    /** Mean level inside (or outside) the bursts, 0.1 s away from their edges, in dB relative to full scale. */
    private static double levelDb(short[] samples, boolean bursts) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < samples.length; i++) {
            int withinSecond = i % RATE;
            if (inBurst(i) == bursts && withinSecond > RATE / 10 && withinSecond < RATE - RATE / 10) {
                double x = samples[i] / 32768.0;
                sum += x * x;
                count++;
            }
        }
        return 10 * Math.log10(sum / count + 1e-20);
    }
}
