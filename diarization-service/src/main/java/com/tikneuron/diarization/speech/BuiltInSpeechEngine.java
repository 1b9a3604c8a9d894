package com.tikneuron.diarization.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.EngineFailedException;
import com.tikneuron.diarization.engine.Word;

/**
 * Offline English recognition: Vosk on audio cleared of steady background music. It knows one language, so a
 * request for another one is refused before any work, and audio the recogniser is plainly unsure of (low mean
 * confidence: speech in another language comes out as confident-looking English words of low confidence) is refused
 * after recognition instead of answered with English gibberish.
 */
public class BuiltInSpeechEngine implements SpeechEngine {

    public static final String VERSION = "builtin-vosk-en-0.3.45";
    static final String LANGUAGE = "en";
    // Segments end at a pause or before they grow too long to read as one phrase.
    private static final double SEGMENT_PAUSE = 0.5;
    private static final double MAX_SEGMENT = 10.0;

    private final VoskTranscriber transcriber;
    private final SpeechConditioner conditioner;
    private final double minConfidence;

    public BuiltInSpeechEngine(VoskTranscriber transcriber, SpeechConditioner conditioner, double minConfidence) {
        this.transcriber = transcriber;
        this.conditioner = conditioner;
        this.minConfidence = minConfidence;
    }

    @Override
    public String id() {
        return VERSION;
    }

    @Override
    public void checkLanguage(Optional<String> languageHint) {
        languageHint.flatMap(Languages::code).filter(code -> !LANGUAGE.equals(code)).ifPresent(code -> {
            throw new LanguageNotSupportedException(Languages.name(code));
        });
    }

    @Override
    public Transcript transcribe(Audio audio, Optional<String> languageHint) {
        checkLanguage(languageHint);
        List<RecognizedWord> recognized = transcriber.transcribe(conditioner.condition(audio));
        if (recognized.isEmpty()) {
            throw new EngineFailedException(EngineFailedException.NO_SPEECH);
        }
        if (meanConfidence(recognized) < minConfidence) {
            throw new LanguageNotSupportedException("speech that is not English");
        }
        return transcript(recognized, audio.seconds());
    }

    /** The mean of the words' confidences, each word weighted by its length in time. */
    public static double meanConfidence(List<RecognizedWord> words) {
        double weighted = 0;
        double total = 0;
        for (RecognizedWord word : words) {
            double length = Math.max(0.01, word.end() - word.start());
            weighted += word.confidence() * length;
            total += length;
        }
        return total == 0 ? 0 : weighted / total;
    }

    static Transcript transcript(List<RecognizedWord> recognized, double seconds) {
        List<Word> words = new ArrayList<>(recognized.size());
        List<TranscriptSegment> segments = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < recognized.size(); i++) {
            RecognizedWord word = recognized.get(i);
            words.add(new Word(word.word(), round(word.start()), round(word.end())));
            boolean last = i == recognized.size() - 1;
            if (last || recognized.get(i + 1).start() - word.end() > SEGMENT_PAUSE
                    || recognized.get(i + 1).end() - recognized.get(first).start() > MAX_SEGMENT) {
                segments.add(segment(words.subList(first, i + 1)));
                first = i + 1;
            }
        }
        return new Transcript(LANGUAGE, round(seconds), words, segments);
    }

    private static TranscriptSegment segment(List<Word> words) {
        StringBuilder text = new StringBuilder();
        for (Word word : words) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word.word());
        }
        return new TranscriptSegment(words.getFirst().start(), words.getLast().end(), text.toString());
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
