package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The generated stand-in media is a real two-speaker recording that ffmpeg decodes to the expected length. */
class StandInMediaTest {

    @Test
    void conversationMediaDecodesToTwoAlternatingSpeakers() throws Exception {
        for (var file : List.of(StandInMedia.conversationMp4(), StandInMedia.conversationMp3())) {
            assertTrue(Files.size(file) > 10_000, file + " is too small to hold the conversation");
            byte[] pcm = Tools.run(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-i", file.toString(), "-vn",
                    "-ac", "1", "-ar", "16000", "-f", "s16le", "pipe:1"));
            double seconds = pcm.length / 32_000.0;
            assertTrue(seconds > 15 && seconds < 30, file + " lasts " + seconds + " s");
        }
        List<Integer> order = StandInMedia.speakerOrder();
        assertEquals(0, order.getFirst());
        assertTrue(order.contains(1) && order.size() >= 3, "speaker order " + order);
    }
}
