package com.tikneuron.standin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Media for fixtures that do not carry a recorded file: valid, tiny, silent. A real recording dropped into
 * {@code fixtures/cdn/} at the URL's path replaces the generated file.
 */
final class Media {

    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono, no CRC: 417-byte frames of 1152 samples.
    private static final byte[] MP3_FRAME_HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0xC0};
    private static final int MP3_FRAME_BYTES = 417;

    private Media() {
    }

    /** An MP3 of silence: frames whose side information and main data are all zero decode to silence. */
    static byte[] silentMp3(int seconds) {
        int frames = (int) Math.ceil(seconds * 44_100 / 1152.0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * MP3_FRAME_BYTES);
        for (int i = 0; i < frames; i++) {
            out.writeBytes(MP3_FRAME_HEADER);
            out.writeBytes(new byte[MP3_FRAME_BYTES - MP3_FRAME_HEADER.length]);
        }
        return out.toByteArray();
    }

    /** The smallest ISO base media file players recognise as MP4: a file-type box and an empty media-data box. */
    static byte[] minimalMp4() {
        ByteBuffer buffer = ByteBuffer.allocate(32 + 8);
        buffer.putInt(32).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put("isom".getBytes(StandardCharsets.US_ASCII))
                .putInt(0x200).put("isomiso2avc1mp41".getBytes(StandardCharsets.US_ASCII));
        buffer.putInt(8).put("mdat".getBytes(StandardCharsets.US_ASCII));
        return buffer.array();
    }
}
