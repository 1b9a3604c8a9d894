package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.engine.Audio;

/**
 * Builds conversations from synthesised utterances (espeak-ng; flite and Festival for one set) with exact reference
 * timings: each utterance is trimmed to its audible extent, then placed after a pause, right after the previous one
 * (fast turn-taking) or slightly over it (overlap). Music, when asked for, is a sox chord loop under the speech and
 * alone for a short intro. Clips are cached under target/ since synthesis costs more than the evaluation. sox runs in
 * its repeatable mode ({@code -R}): otherwise its dither and its plucked strings draw fresh random noise on every run,
 * and the same clip would sound slightly different on every machine.
 */
public final class ConversationSynthesizer {

    private static final int RATE = Audio.SAMPLE_RATE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MUSIC_INTRO = 3.0;
    /** Part of every cached file's name: a change to how clips are made must not reuse clips made before it. */
    static final String VERSION = "-r";

    private final Path cache;

    public ConversationSynthesizer(Path cache) {
        this.cache = cache;
    }

    Clip clip(ClipSpec spec) {
        Tools.require("sox");
        Tools.require(Voice.synthesisers(spec.voices() == null ? Arrays.asList(Voice.POOL) : spec.voices()));
        try {
            Files.createDirectories(cache);
            Path audioFile = cache.resolve(spec.cacheKey() + ".pcm");
            Path referenceFile = cache.resolve(spec.cacheKey() + ".json");
            if (Files.exists(audioFile) && Files.exists(referenceFile)) {
                byte[] pcm = Files.readAllBytes(audioFile);
                List<ReferenceTurn> reference = JSON.readValue(referenceFile.toFile(), new TypeReference<>() {
                });
                return new Clip(spec.name(), spec.speakers(), spec.music(), Audio.fromPcm(pcm, pcm.length), reference);
            }
            Clip clip = synthesize(spec);
            Files.write(audioFile, pcm(clip.audio().samples()));
            JSON.writeValue(referenceFile.toFile(), clip.reference());
            return clip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Clip synthesize(ClipSpec spec) {
        Random random = new Random(spec.seed());
        // Clips with a pool of their own get varied voices, short replies, interruptions and maybe room noise; the
        // first sets' clips draw exactly what they always drew, so they stay the same byte for byte.
        boolean lively = spec.voices() != null;
        List<Voice> pool = new ArrayList<>(lively ? spec.voices() : Arrays.asList(Voice.POOL));
        java.util.Collections.shuffle(pool, random);
        List<Voice> voices = new ArrayList<>(pool.subList(0, spec.speakers()));
        if (lively) {
            voices.replaceAll(voice -> voice.varied(random));
        }
        List<ReferenceTurn> reference = new ArrayList<>();
        List<short[]> pieces = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        double cursor = spec.music() ? MUSIC_INTRO : 0.5;
        int speaker = 0;
        int turn = 0;
        while (cursor < spec.seconds()) {
            if (turn > 0 && spec.speakers() > 1) {
                // Everybody speaks early on; later turns go to anyone but the current speaker.
                speaker = turn < spec.speakers() ? turn : (speaker + 1 + random.nextInt(spec.speakers() - 1)) % spec.speakers();
            }
            String text;
            if (lively && turn >= spec.speakers() && random.nextDouble() < 0.15) {
                text = Corpus.REPLIES.get(random.nextInt(Corpus.REPLIES.size()));
            } else {
                text = Corpus.SENTENCES.get(random.nextInt(Corpus.SENTENCES.size()));
                if (random.nextInt(3) == 0) {
                    text = text + " " + Corpus.SENTENCES.get(random.nextInt(Corpus.SENTENCES.size()));
                }
            }
            short[] utterance = trim(speak(voices.get(speaker), text));
            double length = utterance.length / (double) RATE;
            if (turn > 0) {
                double choice = random.nextDouble();
                boolean newSpeaker = spec.speakers() > 1;
                if (lively && newSpeaker && choice < 0.08) {
                    // An interruption: the next speaker starts well before the current one has finished.
                    double previous = pieces.getLast().length / (double) RATE;
                    cursor -= Math.min(0.4 + random.nextDouble() * 0.6, previous / 2);
                } else if (newSpeaker && choice < 0.15) {
                    cursor -= 0.1 + random.nextDouble() * 0.2;
                } else if (newSpeaker && choice < 0.5) {
                    cursor += random.nextDouble() * 0.15;
                } else {
                    cursor += 0.3 + random.nextDouble() * 0.9;
                }
            }
            reference.add(new ReferenceTurn(speaker, round(cursor), round(cursor + length), text));
            pieces.add(utterance);
            starts.add(cursor);
            cursor += length;
            turn++;
        }
        int total = (int) ((cursor + 0.5) * RATE);
        float[] mix = new float[total];
        for (int i = 0; i < pieces.size(); i++) {
            short[] piece = pieces.get(i);
            int offset = (int) Math.round(starts.get(i) * RATE);
            for (int s = 0; s < piece.length && offset + s < total; s++) {
                mix[offset + s] += piece[s];
            }
        }
        if (spec.music()) {
            addMusic(mix, random);
        }
        if (spec.noise()) {
            addRoomNoise(mix, random);
        }
        short[] samples = new short[total];
        for (int i = 0; i < total; i++) {
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(mix[i])));
        }
        return new Clip(spec.name(), spec.speakers(), spec.music(), new Audio(samples), reference);
    }

    /**
     * One utterance at 16 kHz. espeak-ng voices take the voice's pitch and speed; flite ({@code flite:<voice>}) and
     * Festival ({@code festival:<voice>}) voices, recorded from people, keep their own pitch and take the speed as a
     * stretch of their durations (165 words per minute is their own pace). The caller has checked that the
     * voice's {@link Voice#synthesiser} and sox are installed.
     */
    static short[] speak(Voice voice, String text) {
        double stretch = 165.0 / voice.speed();
        return switch (voice.synthesiser()) {
            case Voice.FLITE -> toRate(Tools.run(List.of("flite", "-voice", voice.timbre(), "--setf",
                    String.format(java.util.Locale.ROOT, "duration_stretch=%.3f", stretch), "-t", text, "-o",
                    "/dev/stdout")));
            case Voice.FESTIVAL -> festival(voice.timbre(), stretch, text);
            default -> toRate(Tools.run(List.of("espeak-ng", "-v", voice.variant(), "-p", String.valueOf(voice.pitch()),
                    "-s", String.valueOf(voice.speed()), "--stdout", text)));
        };
    }

    /** Festival's text2wave, which reads its text from a file and writes a file. */
    private static short[] festival(String voice, double stretch, String text) {
        try {
            Path in = Files.createTempFile("utterance", ".txt");
            Path out = Files.createTempFile("utterance", ".wav");
            try {
                Files.writeString(in, text);
                Tools.run(List.of("text2wave", "-eval", "(voice_" + voice + ")", "-eval",
                        String.format(java.util.Locale.ROOT, "(Parameter.set 'Duration_Stretch %.3f)", stretch), "-o",
                        out.toString(), in.toString()));
                return toRate(Files.readAllBytes(out));
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any WAV to 16 kHz mono 16-bit through sox. */
    private static short[] toRate(byte[] wav) {
        try {
            Path in = Files.createTempFile("utterance", ".wav");
            try {
                Files.write(in, wav);
                byte[] raw = Tools.run(List.of("sox", "-R", in.toString(), "-r", String.valueOf(RATE), "-c", "1", "-b", "16",
                        "-e", "signed-integer", "-L", "-t", "raw", "-"));
                return Audio.fromPcm(raw, raw.length).samples();
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts leading and trailing silence so the reference times are where the voice really is. */
    static short[] trim(short[] samples) {
        int window = RATE / 100;
        int first = -1;
        int last = -1;
        for (int start = 0; start + window <= samples.length; start += window) {
            double energy = 0;
            for (int i = start; i < start + window; i++) {
                energy += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(energy / window) > 30) {
                if (first < 0) {
                    first = start;
                }
                last = start + window;
            }
        }
        return first < 0 ? new short[0] : Arrays.copyOfRange(samples, first, last);
    }

    private static void addMusic(float[] mix, Random random) {
        String[][] chords = { { "A2", "E3", "A3", "C4" }, { "F2", "C3", "F3", "A3" }, { "C3", "G3", "C4", "E4" },
            { "G2", "D3", "G3", "B3" } };
        int bar = RATE;
        float[] loop = new float[bar * chords.length];
        for (int c = 0; c < chords.length; c++) {
            List<String> command = new ArrayList<>(List.of("sox", "-R", "-n", "-r", String.valueOf(RATE), "-c", "1", "-b", "16",
                    "-e", "signed-integer", "-L", "-t", "raw", "-", "synth", "1"));
            for (String note : chords[c]) {
                command.add("pluck");
                command.add(note);
            }
            command.addAll(List.of("remix", "-", "gain", "-n", "-3"));
            byte[] raw = Tools.run(command);
            short[] notes = Audio.fromPcm(raw, raw.length).samples();
            for (int i = 0; i < Math.min(bar, notes.length); i++) {
                loop[c * bar + i] = notes[i];
            }
        }
        double speechPower = power(mix);
        double musicPower = power(loop);
        // Background music about 15 to 20 dB under the voices.
        double gain = Math.sqrt(speechPower / Math.max(musicPower, 1)) * Math.pow(10, -(15 + random.nextInt(6)) / 20.0);
        for (int i = 0; i < mix.length; i++) {
            mix[i] += (float) (loop[i % loop.length] * gain);
        }
    }

    /**
     * Room noise 15 to 25 dB under the voices: a low rumble (white noise through a one-pole low-pass) with a little
     * hiss, drawn from the clip's seed so that it is the same on every run.
     */
    private static void addRoomNoise(float[] mix, Random random) {
        double snrDb = 15 + random.nextInt(11);
        Random noise = new Random(random.nextLong());
        float[] room = new float[mix.length];
        double low = 0;
        for (int i = 0; i < room.length; i++) {
            double white = noise.nextGaussian();
            low = 0.97 * low + 0.03 * white;
            room[i] = (float) (6 * low + 0.15 * white);
        }
        double roomPower = 0;
        for (float sample : room) {
            roomPower += (double) sample * sample;
        }
        roomPower /= Math.max(1, room.length);
        double gain = Math.sqrt(power(mix) / Math.max(roomPower, 1e-9) * Math.pow(10, -snrDb / 10));
        for (int i = 0; i < mix.length; i++) {
            mix[i] += (float) (room[i] * gain);
        }
    }

    private static double power(float[] samples) {
        double sum = 0;
        int count = 0;
        for (float sample : samples) {
            if (Math.abs(sample) > 100) {
                sum += (double) sample * sample;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    static byte[] pcm(short[] samples) {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(samples);
        return buffer.array();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
