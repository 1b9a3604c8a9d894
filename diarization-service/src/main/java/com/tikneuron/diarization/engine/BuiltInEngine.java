package com.tikneuron.diarization.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.tikneuron.diarization.audio.SileroVad;
import com.tikneuron.diarization.speaker.AcousticFeatures;
import com.tikneuron.diarization.speaker.SpeakerStage;
import com.tikneuron.diarization.speech.BuiltInSpeechEngine;
import com.tikneuron.diarization.speech.RecognizedWord;
import com.tikneuron.diarization.speech.Transcript;

/**
 * The offline engine: the speech service's words (Vosk on audio cleared of steady background music, unless another
 * speech engine is configured), and our speaker stage deciding from the original audio who said each one. CPU only.
 */
public class BuiltInEngine implements DiarizationEngine {

    // The speaker stage's version; with the built-in speech engine the id stays what it was when both were one.
    static final String SPEAKER_STAGE = "s10";
    // Turns are cut at long silences and kept short enough to read as one subtitle cue.
    private static final double TURN_PAUSE = 0.5;
    private static final double MAX_TURN = 15.0;

    private final SpeakerStage speakers;
    private final String id;
    private final SileroVad vad;

    /** A speaker stage working on the words of the speech engine with the given id. */
    public BuiltInEngine(SpeakerStage speakers, String speechEngineId) {
        this(speakers, speechEngineId, null);
    }

    /** The same, with the trained voice-activity model's answers for the stage (null: loudness alone). */
    public BuiltInEngine(SpeakerStage speakers, String speechEngineId, SileroVad vad) {
        this.speakers = speakers;
        this.vad = vad;
        this.id = BuiltInSpeechEngine.VERSION.equals(speechEngineId)
                ? speechEngineId + "-" + SPEAKER_STAGE
                : "builtin-" + SPEAKER_STAGE + "+" + speechEngineId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean usesTranscript() {
        return true;
    }

    @Override
    public List<Segment> diarize(Audio audio, Supplier<Transcript> transcript, SpeakerHints hints) {
        List<RecognizedWord> words = new ArrayList<>();
        for (Word word : transcript.get().words()) {
            words.add(new RecognizedWord(word.word(), word.start(), word.end(), 1.0));
        }
        if (words.isEmpty()) {
            throw new EngineFailedException(EngineFailedException.NO_SPEECH);
        }
        float[] speech = vad == null ? null : vad.speechProbabilities(audio.samples());
        int[] speaker = speakers.speakers(AcousticFeatures.of(audio.samples()), words, hints.lowest(), hints.highest(),
                speech);
        return SpeakerLabels.relabel(turns(words, speaker));
    }

    /** Consecutive words of one speaker as turns, cut at pauses and at a maximum length; speaker labels are indices. */
    public static List<Segment> turns(List<RecognizedWord> words, int[] speaker) {
        List<Segment> turns = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        int currentSpeaker = -1;
        for (int i = 0; i < words.size(); i++) {
            RecognizedWord word = words.get(i);
            boolean cut = !current.isEmpty() && (speaker[i] != currentSpeaker
                    || word.start() - current.getLast().end() > TURN_PAUSE
                    || word.end() - current.getFirst().start() > MAX_TURN);
            if (cut) {
                turns.add(turn(currentSpeaker, current));
                current = new ArrayList<>();
            }
            currentSpeaker = speaker[i];
            current.add(new Word(word.word(), round(word.start()), round(word.end())));
        }
        if (!current.isEmpty()) {
            turns.add(turn(currentSpeaker, current));
        }
        return turns;
    }

    private static Segment turn(int speaker, List<Word> words) {
        StringBuilder text = new StringBuilder();
        for (Word word : words) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word.word());
        }
        return new Segment(String.valueOf(speaker), words.getFirst().start(), words.getLast().end(), text.toString(), words);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
