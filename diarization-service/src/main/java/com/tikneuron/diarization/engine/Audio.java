package com.tikneuron.diarization.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Mono 16-bit PCM at 16 kHz, the one format every engine receives. */
public record Audio(short[] samples) {

    public static final int SAMPLE_RATE = 16_000;

    public double seconds() {
        return samples.length / (double) SAMPLE_RATE;
    }

    /** Little-endian PCM bytes as ffmpeg writes them ("s16le"). */
    public static Audio fromPcm(byte[] pcm, int length) {
        short[] samples = new short[length / 2];
        ByteBuffer.wrap(pcm, 0, samples.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Audio(samples);
    }

    /** The audio as a WAV file, for engines that take an upload. */
    public byte[] toWav() {
        int dataBytes = samples.length * 2;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short sample : samples) {
            wav.putShort(sample);
        }
        return wav.array();
    }
}
