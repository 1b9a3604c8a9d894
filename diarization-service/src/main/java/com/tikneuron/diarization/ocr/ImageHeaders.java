package com.tikneuron.diarization.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The picture size a JPEG, PNG or WebP file declares in its header, read without decoding anything (ffmpeg would have
 * to start decoding to say, and a small file can declare a picture of gigabytes).
 */
final class ImageHeaders {

    /** A declared picture size in pixels. */
    record Size(long width, long height) {

        long pixels() {
            return width * height;
        }
    }

    // Far enough for a JPEG's start-of-frame behind its EXIF and ICC segments
    private static final int HEAD = 256 * 1024;

    private ImageHeaders() {
    }

    static Optional<Size> size(Path image) {
        byte[] head;
        try (InputStream in = Files.newInputStream(image)) {
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new IllegalStateException("the slide file cannot be read", e);
        }
        return switch (format(head)) {
            case "jpeg_pipe" -> jpeg(head);
            case "png_pipe" -> head.length >= 24
                    ? Optional.of(new Size(uint32(head, 16), uint32(head, 20))) : Optional.empty();
            case "webp_pipe" -> webp(head);
            default -> Optional.empty();
        };
    }

    /** ffmpeg's demuxer for the image's format, told by its first bytes; empty for anything else. */
    static String format(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "jpeg_pipe";
        }
        if (head.length >= 16 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && new String(head, 12, 4, StandardCharsets.US_ASCII).equals("IHDR")) {
            return "png_pipe";
        }
        if (head.length >= 16 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
            return "webp_pipe";
        }
        return "";
    }

    /** The first start-of-frame segment (SOF0-SOF15 but DHT, JPG and DAC) names height and width. */
    private static Optional<Size> jpeg(byte[] head) {
        int at = 2;
        while (at + 9 < head.length) {
            if ((head[at] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = head[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int length = ((head[at + 2] & 0xFF) << 8) | (head[at + 3] & 0xFF);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                long height = ((head[at + 5] & 0xFF) << 8) | (head[at + 6] & 0xFF);
                long width = ((head[at + 7] & 0xFF) << 8) | (head[at + 8] & 0xFF);
                return Optional.of(new Size(width, height));
            }
            if (marker == 0xDA || length < 2) {
                return Optional.empty();
            }
            at += 2 + length;
        }
        return Optional.empty();
    }

    /** VP8X (extended), VP8L (lossless) or VP8 (lossy) as the first chunk. */
    private static Optional<Size> webp(byte[] head) {
        if (head.length < 30) {
            return Optional.empty();
        }
        ByteBuffer little = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        return switch (ascii(head, 12, 4)) {
            case "VP8X" -> Optional.of(new Size(1 + uint24(head, 24), 1 + uint24(head, 27)));
            case "VP8L" -> {
                int bits = little.getInt(21);
                yield Optional.of(new Size(1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF)));
            }
            case "VP8 " -> Optional.of(new Size(little.getShort(26) & 0x3FFF, little.getShort(28) & 0x3FFF));
            default -> Optional.empty();
        };
    }

    private static long uint32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 4).getInt() & 0xFFFFFFFFL;
    }

    private static long uint24(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | ((bytes[at + 1] & 0xFF) << 8) | ((long) (bytes[at + 2] & 0xFF) << 16);
    }

    private static String ascii(byte[] bytes, int at, int length) {
        return new String(bytes, at, length, StandardCharsets.US_ASCII);
    }
}
