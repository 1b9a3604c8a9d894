package com.tikneuron.diarization.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.tikneuron.diarization.engine.Segment;
import com.tikneuron.diarization.engine.Word;

class TranscriptRendererTest {

    private static final List<Segment> TURNS = List.of(
            new Segment("Speaker A", 0, 3.5, "Hey everyone, welcome back to my channel",
                    List.of(new Word("Hey", 0, 0.4), new Word("everyone", 0.45, 1.0))),
            new Segment("Speaker B", 3.5, 7.0, "Thanks for having me <on> your show today", List.of()),
            new Segment("Speaker A", 3723.25, 3724.0, "Bye", List.of()));
    private final TranscriptRenderer renderer = new TranscriptRenderer(
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));

    @Test
    void srtMatchesTheSeedExample() {
        assertEquals("1\n00:00:00,000 --> 00:00:03,500\nSpeaker A: Hey everyone, welcome back to my channel\n\n"
                + "2\n00:00:03,500 --> 00:00:07,000\nSpeaker B: Thanks for having me <on> your show today\n\n"
                + "3\n01:02:03,250 --> 01:02:04,000\nSpeaker A: Bye", renderer.render(TURNS, TranscriptFormat.SRT));
    }

    @Test
    void vttUsesVoiceTagsAndEscapesMarkup() {
        assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:03.500\n<v Speaker A>Hey everyone, welcome back to my channel\n\n"
                + "00:00:03.500 --> 00:00:07.000\n<v Speaker B>Thanks for having me &lt;on&gt; your show today\n\n"
                + "01:02:03.250 --> 01:02:04.000\n<v Speaker A>Bye", renderer.render(TURNS, TranscriptFormat.VTT));
    }

    @Test
    void txtIsOneLinePerTurn() {
        assertEquals("Speaker A: Hey everyone, welcome back to my channel\n"
                + "Speaker B: Thanks for having me <on> your show today\nSpeaker A: Bye",
                renderer.render(TURNS, TranscriptFormat.TXT));
    }

    @Test
    void rawIsTheSegmentsWithTheirWords() {
        assertEquals("[{\"speaker\":\"Speaker A\",\"start\":0.0,\"end\":3.5,\"text\":\"Hey everyone, welcome back to my channel\","
                + "\"words\":[{\"word\":\"Hey\",\"start\":0.0,\"end\":0.4},{\"word\":\"everyone\",\"start\":0.45,\"end\":1.0}]},"
                + "{\"speaker\":\"Speaker B\",\"start\":3.5,\"end\":7.0,\"text\":\"Thanks for having me <on> your show today\",\"words\":[]},"
                + "{\"speaker\":\"Speaker A\",\"start\":3723.25,\"end\":3724.0,\"text\":\"Bye\",\"words\":[]}]",
                renderer.render(TURNS, TranscriptFormat.RAW));
    }

    @Test
    void speakerLabelsGoPastZ() {
        assertEquals("Speaker A", com.tikneuron.diarization.engine.SpeakerLabels.label(0));
        assertEquals("Speaker Z", com.tikneuron.diarization.engine.SpeakerLabels.label(25));
        assertEquals("Speaker AA", com.tikneuron.diarization.engine.SpeakerLabels.label(26));
    }
}
