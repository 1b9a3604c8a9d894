package com.tikneuron.diarization.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renames whatever speaker ids an engine produced to "Speaker A", "Speaker B", … in order of first appearance. */
public final class SpeakerLabels {

    private SpeakerLabels() {
    }

    public static String label(int index) {
        StringBuilder name = new StringBuilder();
        int n = index;
        do {
            name.insert(0, (char) ('A' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return "Speaker " + name;
    }

    /** The segments sorted by start, relabelled, with consecutive turns of the same speaker kept apart. */
    public static List<Segment> relabel(List<Segment> segments) {
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort((a, b) -> Double.compare(a.start(), b.start()));
        Map<String, String> names = new HashMap<>();
        List<Segment> labelled = new ArrayList<>(sorted.size());
        for (Segment segment : sorted) {
            String name = names.computeIfAbsent(String.valueOf(segment.speaker()), unused -> label(names.size()));
            labelled.add(new Segment(name, segment.start(), segment.end(), segment.text(), segment.words()));
        }
        return labelled;
    }
}
