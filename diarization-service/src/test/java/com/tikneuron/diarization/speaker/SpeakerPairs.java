package com.tikneuron.diarization.speaker;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.tikneuron.diarization.speech.RecognizedWord;

/**
 * Tuning aid: for every pair of the speakers the stage found in a clip, whether both are mostly one reference voice
 * (an extra speaker) or two, with the measures the stage decides on: its stretch distance, the pitch gap and the
 * distance within the background model. How the same-voice thresholds were chosen.
 */
public final class SpeakerPairs {

    private SpeakerPairs() {
    }

    /**
     * @param labels the stage's speaker per word
     * @param reference turns as {speaker, start, end}
     * @param voices a name per reference speaker
     */
    public static void print(String clip, SpeakerStage stage, SpeakerStage.Settings settings, AcousticFeatures features,
            List<RecognizedWord> words, int[] labels, List<double[]> reference, String[] voices) {
        boolean[] speech = SpeakerStage.voiceActivity(features);
        Ubm ubm = Ubm.train(SpeakerStage.speechFrames(features, speech, words), Math.max(1, settings.modelComponents()));
        SpeakerStage.Space space = new SpeakerStage.Space(SpeakerStage.cepstralScale(features, speech, words), ubm);
        int count = Arrays.stream(labels).max().orElse(-1) + 1;
        VoiceStats[] stats = new VoiceStats[count];
        for (int c = 0; c < count; c++) {
            stats[c] = new VoiceStats();
        }
        for (int i = 0; i < words.size(); i++) {
            RecognizedWord word = words.get(i);
            int from = (int) Math.floor(word.start() * AcousticFeatures.FRAMES_PER_SECOND);
            int to = Math.min(features.frames(), (int) Math.ceil(word.end() * AcousticFeatures.FRAMES_PER_SECOND));
            for (int f = Math.max(0, from); f < to; f++) {
                if (speech[f]) {
                    stats[labels[i]].add(features, f, ubm);
                }
            }
        }
        int[] owner = owners(words, labels, reference, voices.length);
        for (int a = 0; a < count; a++) {
            for (int b = a + 1; b < count; b++) {
                System.out.println(String.format(Locale.ROOT,
                        "%-6s %s %-10s %-10s distance %.2f pitch %.3f background-model %.4f frames %d/%d", clip,
                        owner[a] == owner[b] ? "ONE-VOICE" : "TWO-VOICES", voices[owner[a]], voices[owner[b]],
                        stage.distance(stats[a], stats[b], space),
                        Math.abs(stats[a].medianPitch() - stats[b].medianPitch()),
                        VoiceStats.adaptedDistance(stats[a], stats[b], ubm, settings.relevance()), stats[a].frames(),
                        stats[b].frames()));
            }
        }
    }

    /**
     * Per speaker found, the reference speaker who said most of its words (by the words' middles and lengths).
     *
     * @param reference turns as {speaker, start, end}
     */
    static int[] owners(List<RecognizedWord> words, int[] labels, List<double[]> reference, int referenceSpeakers) {
        int count = Arrays.stream(labels).max().orElse(-1) + 1;
        double[][] seconds = new double[count][referenceSpeakers];
        for (int i = 0; i < words.size(); i++) {
            RecognizedWord word = words.get(i);
            double middle = (word.start() + word.end()) / 2;
            for (double[] turn : reference) {
                if (middle >= turn[1] && middle < turn[2]) {
                    seconds[labels[i]][(int) turn[0]] += word.end() - word.start();
                }
            }
        }
        int[] owner = new int[count];
        for (int c = 0; c < count; c++) {
            for (int s = 0; s < referenceSpeakers; s++) {
                if (seconds[c][s] > seconds[c][owner[c]]) {
                    owner[c] = s;
                }
            }
        }
        return owner;
    }
}
