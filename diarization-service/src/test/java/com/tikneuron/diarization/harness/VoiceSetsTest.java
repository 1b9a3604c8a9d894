package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The held-out sets' voices share neither accent nor timbre with any voice that tuning or fitting may hear. */
class VoiceSetsTest {

    private static final List<List<Voice>> SETS = List.of(Voice.DEVELOPMENT, Voice.DEVELOPMENT_MORE,
            Voice.DEVELOPMENT_EXTRA, Voice.HELD_OUT, Voice.HELD_OUT_2, Voice.HELD_OUT_3);

    @Test
    void noHeldOutAccentOrTimbreIsInADevelopmentSet() {
        List<Voice> development = new ArrayList<>(Voice.DEVELOPMENT);
        development.addAll(Voice.DEVELOPMENT_MORE);
        development.addAll(Voice.DEVELOPMENT_EXTRA);
        Set<String> accents = development.stream().map(Voice::accent).collect(Collectors.toSet());
        Set<String> timbres = development.stream().map(Voice::timbre).collect(Collectors.toSet());
        List<Voice> heldOut = new ArrayList<>(Voice.HELD_OUT);
        heldOut.addAll(Voice.HELD_OUT_3);
        for (Voice voice : heldOut) {
            assertTrue(!accents.contains(voice.accent()), voice + " has a development accent");
            assertTrue(!timbres.contains(voice.timbre()), voice + " has a development timbre");
        }
        for (String set : List.of("development-wide", "development-extra")) {
            for (ClipSpec clip : ClipSpec.named(set, 24)) {
                assertTrue(Voice.HELD_OUT.stream().noneMatch(clip.voices()::contains), clip.name());
                assertTrue(Voice.HELD_OUT_2.stream().noneMatch(clip.voices()::contains), clip.name());
            }
        }
    }

    @Test
    void theSecondHeldOutSetHasNoDevelopmentAccentAndNoTimbreOfAnyOtherSet() {
        List<Voice> others = new ArrayList<>(Voice.DEVELOPMENT);
        others.addAll(Voice.DEVELOPMENT_MORE);
        others.addAll(Voice.DEVELOPMENT_EXTRA);
        Set<String> developmentAccents = others.stream().map(Voice::accent).collect(Collectors.toSet());
        others.addAll(Voice.HELD_OUT);
        Set<String> timbres = others.stream().map(Voice::timbre).collect(Collectors.toSet());
        for (Voice voice : Voice.HELD_OUT_2) {
            assertTrue(!developmentAccents.contains(voice.accent()), voice + " has a development accent");
            assertTrue(!timbres.contains(voice.timbre()), voice + " has the timbre of another set");
        }
        for (ClipSpec clip : ClipSpec.named("held-out-2", 24)) {
            assertEquals(Voice.HELD_OUT_2, clip.voices(), clip.name());
        }
    }

    @Test
    void everyVoiceIsInOneSetOnlyAndTheSetsHaveTheirOwnClipNames() {
        Set<String> seen = new HashSet<>();
        for (List<Voice> set : SETS) {
            for (Voice voice : set) {
                assertTrue(seen.add(voice.identity()), voice + " is in two sets");
            }
        }
        assertEquals(73, seen.size());
        Set<String> names = new HashSet<>();
        for (String set : List.of("development", "development-wide", "development-extra", "held-out", "held-out-2",
                "held-out-3")) {
            ClipSpec.named(set, 24).forEach(clip -> assertTrue(names.add(clip.name()), clip.name()));
        }
    }

    /**
     * espeak-ng quietly ignores a variant it cannot attach to a language (in 1.51, any after {@code en-gb}), and then
     * two "voices" of a set are one voice at two pitches (flite, too, quietly speaks with its default voice when it
     * does not know the one asked for): every voice must sound unlike its accent's own voice and unlike every other
     * voice of every set.
     */
    @Test
    void everyVoiceSoundsUnlikeItsAccentsOwnVoiceAndUnlikeEveryOtherVoice() {
        Tools.require("sox");
        Tools.require(Voice.synthesisers(SETS.stream().flatMap(List::stream).toList()));
        Map<String, String> voiceByAudio = new HashMap<>();
        Map<String, String> fallbackAudio = new HashMap<>();
        for (List<Voice> set : SETS) {
            for (Voice voice : set) {
                String audio = spoken(voice.variant());
                if (voice.fallback() != null) {
                    assertNotEquals(fallbackAudio.computeIfAbsent(voice.fallback(), VoiceSetsTest::spoken), audio,
                            voice.variant() + " sounds as " + voice.fallback());
                }
                assertNull(voiceByAudio.put(audio, voice.variant()), voice.variant() + " sounds as another voice");
            }
        }
    }

    /** The sentence in a voice at one pitch and speed for all, as a digest of its samples. */
    private static String spoken(String variant) {
        short[] samples = ConversationSynthesizer.speak(new Voice(variant, 50, 165), "Shall we meet at the old harbour?");
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(samples.length * 2);
        bytes.asShortBuffer().put(samples);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
