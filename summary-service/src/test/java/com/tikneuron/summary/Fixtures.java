package com.tikneuron.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.tikneuron.summary.standin.StandIns;
import com.tikneuron.summary.standin.SubtitleStandIn;

/** Videos, accounts and transcripts for the component tests. */
public final class Fixtures {

    public static final String SOURDOUGH_EN = """
            Hi everyone, welcome back to my kitchen. Today I am making sourdough bread from scratch. \
            The starter needs to be fed twice a day for three days before you bake. \
            Use equal weights of flour and water when you feed the starter. \
            Today I am making sourdough bread from scratch. \
            On the third day the starter should double in size within six hours. \
            Mix the flour and water first and let it rest for one hour, this is called the autolyse. \
            Then add the starter and the salt and fold the dough every thirty minutes. \
            After four folds the dough goes into the fridge overnight for a long cold proof. \
            The cold proof is what gives the bread its sour taste and the open crumb. \
            Bake it in a covered cast iron pot at two hundred and fifty degrees for twenty minutes. \
            Then take the lid off and bake for another twenty minutes until the crust is dark. \
            Let it cool for at least one hour before you cut it. Follow me for more bread recipes.""";

    public static final String SOURDOUGH_DE = """
            Hallo zusammen, heute backe ich ein Sauerteigbrot. \
            Der Sauerteig wird drei Tage lang zweimal täglich gefüttert. \
            Mehl und Wasser werden zu gleichen Teilen gemischt. \
            Der Teig ruht über Nacht im Kühlschrank. \
            Gebacken wird im geschlossenen Topf bei hoher Temperatur. \
            Vor dem Anschneiden muss das Brot eine Stunde abkühlen.""";

    private Fixtures() {
    }

    public static String newVideoId() {
        return "7" + String.format("%018d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L));
    }

    public static String newAccount() {
        return UUID.randomUUID().toString();
    }

    public static String url(String videoId) {
        return "https://www.tiktok.com/@chef.marta/video/" + videoId;
    }

    /** A video with English captions about sourdough; returns its id. */
    public static String englishVideo() {
        return video("eng-US", SOURDOUGH_EN, Map.of());
    }

    public static String video(String trackLanguage, String text, Map<String, String> otherTracks) {
        String id = newVideoId();
        StandIns.subtitles().add(new SubtitleStandIn.Video(id, trackLanguage, text, otherTracks, false));
        return id;
    }

    public static String videoWithoutCaptions() {
        String id = newVideoId();
        StandIns.subtitles().add(new SubtitleStandIn.Video(id, "eng-US", "", Map.of(), true));
        return id;
    }

    /** About two hours of speech (some 18,000 words), sentences varied enough not to collapse as duplicates. */
    public static String twoHourTranscript() {
        String[] subjects = { "The starter", "A cold proof", "The oven", "Rye flour", "The crust", "Hydration",
                "The banneton", "Steam", "A stretch and fold", "Whole wheat" };
        String[] verbs = { "changes", "improves", "controls", "shapes", "balances", "slows", "deepens", "protects" };
        String[] objects = { "the flavour of the loaf", "the rise of the dough", "the crumb structure",
                "the colour of the crust", "the acidity", "the gluten network", "the oven spring", "the shelf life" };
        List<String> sentences = new ArrayList<>();
        int minute = 0;
        while (sentences.stream().mapToInt(s -> s.split(" ").length).sum() < 18_000) {
            for (String subject : subjects) {
                for (String verb : verbs) {
                    String object = objects[(minute + subject.length() + verb.length()) % objects.length];
                    sentences.add(subject + " " + verb + " " + object + " in minute " + minute
                            + " of the workshop, as the baker explains with a practical example number " + sentences.size() + ".");
                }
                minute++;
            }
        }
        return String.join(" ", sentences);
    }
}
