package com.tikneuron.diarization.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.EngineFailedException;

/**
 * Offline English speech recognition with Vosk. The model is loaded once and shared: a Vosk model serves many
 * recognisers at once, while each recogniser belongs to one job.
 */
public final class VoskTranscriber implements AutoCloseable {

    // About a quarter of a second per call keeps the native calls few without large temporary arrays.
    private static final int CHUNK = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path modelPath;
    private volatile Model model;
    // Decodes hold the read side, closing takes the write side: the native model is never freed under a running
    // decode, which would corrupt the process's heap and abort it.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    public VoskTranscriber(Path modelPath) {
        this.modelPath = modelPath;
    }

    public Path modelPath() {
        return modelPath;
    }

    /** True when the model folder is there; loading it is left to the first use or to {@link #load()}. */
    public boolean modelPresent() {
        return Files.isRegularFile(modelPath.resolve("am").resolve("final.mdl"));
    }

    /** Loads the model now (a couple of seconds) instead of on the first request. */
    public void load() {
        model();
    }

    public List<RecognizedWord> transcribe(Audio audio) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new EngineFailedException("The speech engine is shutting down");
            }
            return decode(audio);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private List<RecognizedWord> decode(Audio audio) {
        List<RecognizedWord> words = new ArrayList<>();
        try (Recognizer recognizer = new Recognizer(model(), Audio.SAMPLE_RATE)) {
            recognizer.setWords(true);
            short[] samples = audio.samples();
            short[] chunk = new short[CHUNK];
            for (int offset = 0; offset < samples.length; offset += CHUNK) {
                int length = Math.min(CHUNK, samples.length - offset);
                System.arraycopy(samples, offset, chunk, 0, length);
                if (recognizer.acceptWaveForm(chunk, length)) {
                    collect(recognizer.getResult(), words);
                }
            }
            collect(recognizer.getFinalResult(), words);
        } catch (IOException unusable) {
            throw new EngineFailedException("Speech recognition failed", unusable);
        }
        return words;
    }

    private static void collect(String resultJson, List<RecognizedWord> words) {
        try {
            JsonNode result = JSON.readTree(resultJson).path("result");
            for (JsonNode word : result) {
                words.add(new RecognizedWord(word.path("word").asText(), word.path("start").asDouble(),
                        word.path("end").asDouble(), word.path("conf").asDouble(1.0)));
            }
        } catch (IOException unreadable) {
            throw new EngineFailedException("Speech recognition failed", unreadable);
        }
    }

    private Model model() {
        Model loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    if (!modelPresent()) {
                        throw new IllegalStateException("no Vosk model at " + modelPath.toAbsolutePath()
                                + " (build the module, or set tikneuron.diarization.vosk.model-path)");
                    }
                    LibVosk.setLogLevel(LogLevel.WARNINGS);
                    try {
                        loaded = new Model(modelPath.toString());
                    } catch (IOException unloadable) {
                        throw new IllegalStateException("the Vosk model at " + modelPath + " cannot be loaded", unloadable);
                    }
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    /** Waits for running decodes, then frees the native model; later decodes are refused. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            closed = true;
            synchronized (this) {
                if (model != null) {
                    model.close();
                    model = null;
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
