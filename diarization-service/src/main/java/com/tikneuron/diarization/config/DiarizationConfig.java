package com.tikneuron.diarization.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of the diarization service; defaults live in application.properties. */
@ConfigMapping(prefix = "tikneuron.diarization")
public interface DiarizationConfig {

    /** "builtin" (offline, CPU) or "remote" (the HTTP engine below). */
    String engine();

    /** Credits a paid request costs. */
    int price();

    /**
     * Credits a paid request costs when the engine takes its words from the speech service and they are cached
     * already: only the speaker stage runs (a second diarization of a video with other speaker hints, say).
     */
    int speakerStagePrice();

    /** Media larger than this is refused before decoding. */
    long maxMediaBytes();

    /** Audio longer than this is refused. */
    Duration maxDuration();

    /** Longest a media download may take. */
    Duration mediaTimeout();

    /** The ffmpeg binary; the system's by default. */
    String ffmpeg();

    /** Longest ffmpeg may take to decode one video. */
    Duration ffmpegTimeout();

    /** Diarization jobs running at once; each keeps one core busy. */
    int workers();

    /** Jobs waiting for a worker; beyond it requests are refused at once. */
    int queue();

    /** Longest a job may take from queueing to result. */
    Duration jobTimeout();

    Vosk vosk();

    Remote remote();

    /** The built-in engine's speech model. */
    interface Vosk {

        /** Folder of the unpacked Vosk model (relative paths resolve against the working directory). */
        String modelPath();
    }

    /** A self-hosted WhisperX/pyannote-style server or an OpenAI-compatible diarizing transcription API. */
    interface Remote {

        /** Base URL; required when engine=remote. */
        Optional<String> url();

        /** Sent as a bearer token when present. */
        Optional<String> apiKey();

        /** "whisperx" (POST {url}/diarize, segments with words) or "openai" (POST {url}/audio/transcriptions). */
        String protocol();

        /** The model name sent to an OpenAI-compatible API. */
        String model();

        Duration timeout();
    }
}
