package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The held-out set's voices share neither accent nor timbre with any voice that tuning or fitting may hear. */
class VoiceSetsTest {

    @Test
    void noHeldOutAccentOrTimbreIsInADevelopmentSet() {
        List<Voice> development = new ArrayList<>(Voice.DEVELOPMENT);
        development.addAll(Voice.DEVELOPMENT_MORE);
        Set<String> accents = development.stream().map(Voice::accent).collect(Collectors.toSet());
        Set<String> timbres = development.stream().map(Voice::timbre).collect(Collectors.toSet());
        for (Voice voice : Voice.HELD_OUT) {
            assertTrue(!accents.contains(voice.accent()), voice + " has a development accent");
            assertTrue(!timbres.contains(voice.timbre()), voice + " has a development timbre");
        }
        for (ClipSpec clip : ClipSpec.named("development-wide", 24)) {
            assertTrue(Voice.HELD_OUT.stream().noneMatch(clip.voices()::contains), clip.name());
        }
    }

    @Test
    void everyVoiceIsInOneSetOnlyAndTheSetsHaveTheirOwnClipNames() {
        Set<String> seen = new HashSet<>();
        for (List<Voice> set : List.of(Voice.DEVELOPMENT, Voice.DEVELOPMENT_MORE, Voice.HELD_OUT)) {
            for (Voice voice : set) {
                assertTrue(seen.add(voice.identity()), voice + " is in two sets");
            }
        }
        assertEquals(40, seen.size());
        Set<String> names = new HashSet<>();
        for (String set : List.of("development", "development-wide", "held-out")) {
            ClipSpec.named(set, 24).forEach(clip -> assertTrue(names.add(clip.name()), clip.name()));
        }
    }
}
